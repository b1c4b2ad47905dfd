package io.kafkaarchiver.demo;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * The demo's broker and S3 server left running ({@code demo --keep}), for the user to explore: a settings
 * file that points the commands at them, the commands themselves, then a wait until the JVM is stopped.
 * Ctrl-C or SIGTERM stops the servers with it ({@link ChildJvm} ends its processes with the JVM).
 */
final class KeptServers {

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@+-]+");

    private final PrintStream out;
    private final String mainClass;

    KeptServers(PrintStream out, String mainClass) {
        this.out = out;
        this.mainClass = mainClass;
    }

    /**
     * @param settings   what the commands need to reach the servers, written to {@code settingsFile}
     * @param objectCopy an archived object downloaded from the bucket, for {@code mak cat}
     */
    void offer(Path settingsFile, Map<String, String> settings, String topic, Path objectCopy) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder("# Written by kafka-archiver demo --keep: the demo's local Kafka broker and S3 server.\n");
        settings.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(settingsFile, text, StandardCharsets.UTF_8);

        String launcher = launcher();
        String withSettings = " --settings " + shellWord(settingsFile.toAbsolutePath().toString());
        List<String> commands = List.of(
                launcher + " ls" + withSettings,
                launcher + " verify" + withSettings,
                launcher + " restore" + withSettings + " --topic " + topic + " --target-topic " + topic + "-restored",
                launcher + " mak cat " + shellWord(objectCopy.toAbsolutePath().toString()));
        out.println();
        out.println("The local Kafka broker (" + settings.get("kafka.brokers") + ") and S3 server (" + settings.get("s3.endpoint")
                + ") keep running. Explore them, from another terminal:");
        out.println();
        commands.forEach(c -> out.println("  " + c));
        out.println();
        out.println("Press Ctrl-C to stop them.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> out.println("Stopping the local Kafka broker and S3 server.")));
        new CountDownLatch(1).await();
    }

    /** How this program was started, so that the printed commands run the same build. */
    private String launcher() {
        String classpath = System.getProperty("java.class.path");
        return classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)
                ? "java -jar " + shellWord(Path.of(classpath).toAbsolutePath().toString())
                : "java -cp " + shellWord(classpath) + " " + mainClass;
    }

    /** {@code word} as a POSIX shell reads it back: quoted when it holds anything but plain characters. */
    static String shellWord(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
