package io.kafkaarchiver.archive;

import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.PackagedJar;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static io.kafkaarchiver.archive.ArchiverIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar kafka-archiver.jar run}, as users run it, on the real broker and S3 server. */
@ExtendWith(ArchiveTestEnvironment.class)
class ArchiverJarIT {

    private static final String KAFKA_PASSWORD = "hunter2-secret";
    private static final Path EVERYTHING_AT_DEBUG = Path.of("target", "test-classes", "log4j2-everything-at-debug.xml").toAbsolutePath();

    @TempDir
    Path home;

    @Test
    void secretsNeverReachTheLog(TestEnv env) throws Exception {
        String topic = env.topic("secrets");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        produce(env, topic, 0, 200);
        // The S3 secret comes from the environment, as in most deployments; Kafka's from the file. The broker
        // speaks PLAINTEXT, so it never uses these two Kafka settings, but the consumer is given them. Every
        // logger is at DEBUG: the jar's own levels show little, and an operator chasing a problem turns them up.
        ArchiverProcess.writeSettings(home, settings(env, home, "archive.topics", topic, "s3.secret-key", "",
                "kafka.consumer.ssl.key.password", KAFKA_PASSWORD,
                "kafka.consumer.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"archiver\" password=\"" + KAFKA_PASSWORD + "\";"));
        String name = env.prefix() + "-jar-secrets";

        Map<String, String> environment = Map.of("S3_SECRET_KEY", LocalS3.SECRET_KEY, "LOG4J_CONFIGURATION_FILE", EVERYTHING_AT_DEBUG.toString());
        try (ChildJvm archiver = PackagedJar.start(name, home, environment, "run")) {
            awaitArchivedBy(archiver, env, topic, 200);
        }

        String log = Files.readString(PackagedJar.log(name));
        assertThat(log).contains("Archived " + topic).doesNotContain(LocalS3.SECRET_KEY).doesNotContain(KAFKA_PASSWORD);
    }

    @Test
    void startsWhileS3IsDownSaysWhyAndUploadsOnceS3Answers(TestEnv env) throws Exception {
        String topic = env.topic("s3-down");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        int count = 400;
        produce(env, topic, 0, count);
        // A route that could not start is tried again from a second on, and uploads that ran out of retries
        // after a second: the defaults (5 seconds doubling to a minute, ten minutes) would only make the test slow.
        Properties settings = settings(env, home, "archive.topics", topic, "camel.routecontroller.back-off-delay", "1000",
                "archive.quarantine.retry-after", "1s");
        ArchiverProcess.writeSettings(home, settings);
        String name = env.prefix() + "-jar-s3-down";
        String s3Address = env.s3().endpoint().getAuthority();

        env.s3().stop();
        try (ChildJvm archiver = PackagedJar.start(name, home, Map.of(), "run")) {
            try {
                Deadline.await(count + " records consumed into the working directory, and the log saying archive-put"
                        + " cannot reach " + s3Address, Duration.ofSeconds(60), () -> {
                    archiver.checkAlive();
                    return recordsWritten(settings) >= count
                            && Files.readAllLines(PackagedJar.log(name)).stream()
                                    .anyMatch(l -> l.contains("archive-put") && l.contains(s3Address));
                });
            } finally {
                env.s3().restart();
            }
            awaitArchivedBy(archiver, env, topic, count);
            awaitCommitted(env, topic, count);
            // archive-consume was started again after its first start failed with the S3 endpoint's: stopping
            // must still hand its partitions off, not wait on a route already stopped.
            assertThat(archiver.stop(Duration.ofSeconds(20))).as("stopped within 20s of SIGTERM; see " + PackagedJar.log(name)).isTrue();
        }
        assertThat(Files.readString(PackagedJar.log(name))).as("the log, to the end of the shutdown")
                .containsPattern("SIGTERM(?s).*is shutdown");
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(count)
                .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isEqualTo(1));
    }

    private static void awaitArchivedBy(ChildJvm archiver, TestEnv env, String topic, int count) throws Exception {
        Deadline.await(count + " offsets of " + topic + " in S3", Duration.ofSeconds(90), () -> {
            archiver.checkAlive();
            return ArchiveContents.read(env).offsetCounts(topic).size() >= count;
        });
    }

    private static double recordsWritten(Properties settings) throws InterruptedException {
        try {
            return ScrapedMetrics.of(settings).value("kafka_archiver_records_written_total");
        } catch (IOException managementServerNotUpYet) {
            return 0;
        }
    }
}
