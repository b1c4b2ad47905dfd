package io.kafkaarchiver.archive;

import io.kafkaarchiver.Application;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.runtime.JvmFlags;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The archiver as its own process, as users run it: {@code run} from a directory holding its application.properties. */
public final class ArchiverProcess {

    private ArchiverProcess() {
    }

    /** Writes {@code settings} to {@code home}/application.properties; a later start reads them. */
    public static void writeSettings(Path home, Properties settings) throws Exception {
        Files.createDirectories(home);
        try (Writer out = Files.newBufferedWriter(home.resolve("application.properties"))) {
            settings.store(out, "written by an integration test");
        }
    }

    /** Starts {@code run} in {@code home}; its log stays in target/it-logs. */
    static ChildJvm start(TestEnv env, Path home, String name) throws Exception {
        return start(env, home, name, List.of("run"));
    }

    /** Starts the command line {@code args} in {@code home}; its log stays in target/it-logs. */
    public static ChildJvm start(TestEnv env, Path home, String name, List<String> args) throws Exception {
        return ChildJvm.start("archiver-" + name, System.getProperty("java.class.path"), Stream.concat(Stream.of("-Xmx256m"), JvmFlags.RECOMMENDED.stream()).toList(),
                Application.class.getName(), args, log(env, name), home);
    }

    /** What the archiver started as {@code name} has logged. */
    static Path log(TestEnv env, String name) {
        return Path.of("target", "it-logs", env.prefix() + "-archiver-" + name + ".log").toAbsolutePath();
    }
}
