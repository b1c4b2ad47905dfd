package io.kafkaarchiver.testkit;

import io.kafkaarchiver.demo.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jar the build packaged, run as users run it: {@code java -jar target/kafka-archiver.jar ...} from a
 * directory of theirs. Failsafe runs integration tests after {@code package}, so the jar is there.
 * What each run prints is kept in target/it-logs.
 */
public final class PackagedJar {

    private static final Path JAR = Path.of("target", "kafka-archiver.jar").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "it-logs").toAbsolutePath();

    /** A command run to its end: its exit code, and what it printed on stdout and on stderr. */
    public record Run(int exitCode, String out, String err) {
    }

    private PackagedJar() {
    }

    /**
     * Runs a command to its end from {@code directory}, with {@code environment} on top of this JVM's.
     * A command still running after {@code timeout} is killed and fails the test.
     */
    public static Run run(String name, Path directory, Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Path out = LOGS.resolve(name + ".out");
        Path err = LOGS.resolve(name + ".err");
        ProcessBuilder command = command(directory, environment, args).redirectOutput(out.toFile()).redirectError(err.toFile());
        try (ChildJvm jar = ChildJvm.start(name, command, err)) {
            int exitCode = jar.awaitExit(timeout);
            return new Run(exitCode, Files.readString(out), Files.readString(err));
        }
    }

    /** Starts a command that runs until stopped ({@code run}); stdout and stderr both go to {@link #log}. */
    public static ChildJvm start(String name, Path directory, Map<String, String> environment, String... args) throws IOException {
        ProcessBuilder command = command(directory, environment, args).redirectErrorStream(true).redirectOutput(log(name).toFile());
        return ChildJvm.start(name, command, log(name));
    }

    /** Everything a command {@link #start started} as {@code name} printed. */
    public static Path log(String name) {
        return LOGS.resolve(name + ".log");
    }

    private static ProcessBuilder command(Path directory, Map<String, String> environment, String... args) throws IOException {
        Files.createDirectories(LOGS);
        List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        return builder;
    }
}
