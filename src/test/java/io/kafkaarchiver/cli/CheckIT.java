package io.kafkaarchiver.cli;

import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.PackagedJar;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The setup mistakes of a first hour, on the real broker and S3 server: {@code check} says each in its line,
 * {@code run} stops on a wrong setting with one line naming it, and waits for a topic not created yet.
 */
@ExtendWith(ArchiveTestEnvironment.class)
public class CheckIT {

    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");

    @TempDir
    Path home;

    @Test
    void checkSaysWhatIsThereAndWhatTheArchiverWouldWaitFor(TestEnv env) throws Exception {
        String topic = env.topic("checked");
        String missing = env.topic("not-created");
        env.kafka().createTopic(topic, 3);
        Path settings = write(ArchiverIT.settings(env, home, "archive.topics", topic + "," + missing));

        CliRun check = CliRun.of("check", "--settings", settings.toString());

        assertThat(check.exitCode()).as(check.out() + check.stderr()).isZero();
        assertThat(check.out().lines()).containsExactly(
                "settings  OK     read and valid",
                "work-dir  OK     " + home.resolve("work") + ": writable, " + freeMegabytes(check.out()) + " MB free",
                "kafka     OK     Kafka at " + env.kafka().bootstrapServers() + ": logged in, cluster " + clusterId(check.out()),
                "topics    OK     " + topic + " (3 partitions)",
                "topics    WAIT   " + missing + " does not exist in Kafka at " + env.kafka().bootstrapServers()
                        + " yet (or these credentials may not describe it): the archiver waits, and archives it once created (archive.topics)",
                "store     OK     bucket " + env.bucket() + " at " + env.s3().endpoint()
                        + ": listed, and a probe object written and removed (_manifest/_access-check)",
                "check: OK, but the archiver would wait for 1 thing");
        assertThat(env.s3Client().listObjectsV2(b -> b.bucket(env.bucket()).prefix("_manifest/_access-check")).contents())
                .as("the probe object, removed").isEmpty();

        CliRun pattern = CliRun.of("check", "--settings",
                write(ArchiverIT.settings(env, home, "archive.topics", "", "archive.topic-pattern", env.prefix() + "-nothing-.*")).toString());
        assertThat(pattern.exitCode()).as(pattern.out()).isZero();
        assertThat(pattern.out()).contains("topics    WAIT   no topic in Kafka at " + env.kafka().bootstrapServers()
                + " matches archive.topic-pattern " + env.prefix() + "-nothing-.* yet: the archiver waits");

        // A store that does not answer is no one's mistake: the archiver would start, and keep trying.
        String nobody = "http://127.0.0.1:" + ChildJvm.freePort();
        CliRun away = CliRun.of("check", "--settings", write(ArchiverIT.settings(env, home, "archive.topic-pattern", "", "archive.topics", topic, "s3.endpoint", nobody)).toString());
        assertThat(away.exitCode()).as(away.out()).isZero();
        assertThat(away.out().lines().filter(line -> line.startsWith("store "))).singleElement(STRING)
                .startsWith("store     WAIT   bucket " + env.bucket() + " at " + nobody + " did not answer: ").endsWith("; the archiver keeps trying");
    }

    @Test
    void aMisspeltBucketAWrongSecretKeyAndAWorkDirThatCannotBeWrittenAreEachOneLineNamingTheSetting(TestEnv env) throws Exception {
        String topic = env.topic("mistakes");
        env.kafka().createTopic(topic, 1);
        String where = " at " + env.s3().endpoint();

        assertNamedByCheckAndRun(env, "no-bucket", ArchiverIT.settings(env, home, "archive.topics", topic, "s3.bucket", env.bucket() + "-misspelt"),
                "s3.bucket: no bucket " + env.bucket() + "-misspelt" + where);
        assertNamedByCheckAndRun(env, "wrong-secret", ArchiverIT.settings(env, home, "archive.topics", topic, "s3.secret-key", "not-the-secret-4f1d"),
                "s3.secret-key: bucket " + env.bucket() + where + " refused the signature: the secret key is not that of the access key");
        Files.writeString(home.resolve("a-file"), "not a directory");
        CliRun workDir = CliRun.of("check", "--settings", write(ArchiverIT.settings(env, home, "archive.topics", topic,
                "archive.work-dir", home.resolve("a-file").resolve("work").toString())).toString());
        assertThat(workDir.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(workDir.out()).contains("work-dir  FAILED bad setting archive.work-dir: " + home.resolve("a-file").resolve("work")
                + " cannot be written").endsWith("check: FAILED, 1 bad setting\n");

        // The commands that read the archive name the same setting.
        Path wrongSecret = write(ArchiverIT.settings(env, home, "s3.secret-key", "not-the-secret-4f1d"));
        for (List<String> args : List.of(List.of("ls"), List.of("verify"), List.of("restore", "--target-topic", topic + "-again"))) {
            String command = args.get(0);
            CliRun refused = CliRun.of(Stream.concat(args.stream(), Stream.of("--settings", wrongSecret.toString(), "--topic", topic))
                    .toArray(String[]::new));
            assertThat(refused.exitCode()).as(command + ": " + refused.stderr()).isEqualTo(Console.EXIT_USAGE);
            assertThat(refused.stderr().lines()).as(command).singleElement(STRING).startsWith(command + ": bad setting s3.secret-key: ");
        }
    }

    @Test
    void runSaysOnceThatATopicDoesNotExistYetAndArchivesItOnceCreated(TestEnv env) throws Exception {
        String topic = env.topic("later");
        write(ArchiverIT.settings(env, home, "archive.topics", topic));
        Path log = Path.of("target", "it-logs", env.prefix() + "-archiver-topic-later.log").toAbsolutePath();
        try (ChildJvm archiver = ArchiverProcess.start(env, home, "topic-later", List.of("run"))) {
            String said = topic + " does not exist in Kafka at " + env.kafka().bootstrapServers() + " yet";
            Deadline.await("the line saying the topic does not exist yet", Duration.ofSeconds(60),
                    () -> Files.exists(log) && Files.readString(log).contains(said));
            env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
            ArchiverIT.produce(env, topic, 0, 50);
            ArchiverIT.awaitArchived(env, topic, 50);
            assertThat(Files.readString(log).lines().filter(line -> line.contains(topic + " does not exist"))).hasSize(1);
            archiver.checkAlive();
        }
    }

    private void assertNamedByCheckAndRun(TestEnv env, String name, Properties settings, String named) throws Exception {
        assertNamedByCheckAndRun(env, home, name, settings, named);
    }

    /**
     * With {@code settings} written in {@code home}, {@code check} marks the store FAILED with {@code named}; {@code run}
     * exits 2 with that one line and no stack trace.
     */
    public static void assertNamedByCheckAndRun(TestEnv env, Path home, String name, Properties settings, String named) throws Exception {
        ArchiverProcess.writeSettings(home, settings);
        CliRun check = CliRun.of("check", "--settings", home.resolve("application.properties").toString());
        assertThat(check.exitCode()).as(check.out()).isEqualTo(Console.EXIT_USAGE);
        assertThat(check.out().lines().filter(line -> line.startsWith("store "))).singleElement(STRING)
                .startsWith("store     FAILED bad setting " + named);

        PackagedJar.Run run = PackagedJar.run(env.prefix() + "-jar-run-" + name, home, Map.of(), Duration.ofMinutes(1), "run");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Console.EXIT_USAGE);
        assertThat(run.err().lines().filter(line -> !LOG_LINE.matcher(line).lookingAt())).as("stderr besides the log")
                .singleElement(STRING).startsWith("run: bad setting " + named);
        assertThat(run.err()).doesNotContain(" ERROR ").doesNotContain("\tat ").doesNotContain("not-the-secret-4f1d");
    }

    private Path write(Properties settings) throws Exception {
        ArchiverProcess.writeSettings(home, settings);
        return home.resolve("application.properties");
    }

    private static String freeMegabytes(String out) {
        return out.replaceAll("(?s).*: writable, ([0-9,]+) MB free.*", "$1");
    }

    private static String clusterId(String out) {
        return out.replaceAll("(?s).*logged in, cluster (\\S+).*", "$1");
    }
}
