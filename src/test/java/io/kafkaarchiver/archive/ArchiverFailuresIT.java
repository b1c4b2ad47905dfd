package io.kafkaarchiver.archive;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitArchived;
import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static io.kafkaarchiver.archive.ArchiverIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** What must not lose or duplicate a record: a kill -9 mid-run, and S3 going away. */
@ExtendWith(ArchiveTestEnvironment.class)
class ArchiverFailuresIT {

    @TempDir
    Path dir;

    @Test
    void killedAbruptlyAndRestartedEveryOffsetOnce(TestEnv env) throws Exception {
        String topic = env.topic("crash");
        env.kafka().createTopic(topic, 4);
        // 2050 records in files of 100: each partition keeps a partial file in progress (max-age is long).
        produce(env, topic, 0, 2050);
        ArchiverProcess.writeSettings(dir, settings(env, dir, "archive.topics", topic, "archive.rotate.max-age", "1h"));

        ChildJvm first = ArchiverProcess.start(env, dir, "first");
        Deadline.await("the first object in S3", Duration.ofSeconds(60), () -> {
            first.checkAlive();
            return !ArchiveContents.read(env).entries().isEmpty();
        });
        first.kill();
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).as("archived before the kill").hasSizeLessThan(2050);
        assertThat(filesIn(dir.resolve("work").resolve("in-progress"))).as("in-progress files left by the killed archiver").isNotEmpty();

        produce(env, topic, 2050, 1000);
        ArchiverProcess.writeSettings(dir, settings(env, dir, "archive.topics", topic, "archive.rotate.max-age", "2s"));
        try (ChildJvm second = ArchiverProcess.start(env, dir, "second")) {
            awaitArchived(env, topic, 3050);
            awaitCommitted(env, topic, 3050);
        }
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(3050)
                .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isEqualTo(1));
    }

    @Test
    void anS3OutageQuarantinesThenRecoversWithNothingLost(TestEnv env) throws Exception {
        String topic = env.topic("outage");
        env.kafka().createTopic(topic, 4);
        Properties settings = settings(env, dir, "archive.topics", topic, "archive.upload.max-attempts", "2",
                "archive.quarantine.retry-after", "3s", "archive.health.max-stall", "1s");
        ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiveConfiguration.ROUTES);
        archiver.start();
        try {
            env.s3().stop();
            try {
                produce(env, topic, 0, 800);
                Path quarantine = dir.resolve("work").resolve("quarantine");
                Deadline.await("a file in quarantine while S3 is down", Duration.ofSeconds(60),
                        () -> !filesIn(quarantine).isEmpty());
                assertThat(ScrapedMetrics.of(settings).value("kafka_archiver_uploads_quarantined_total")).isPositive();
                Deadline.await("readiness DOWN, naming the file that waits in quarantine longer than archive.health.max-stall",
                        Duration.ofSeconds(30), () -> {
                            ScrapedHealth health = ScrapedHealth.of(settings);
                            return !health.isUp() && health.body().contains(env.topic("outage") + "+") && health.body().contains("waited in quarantine");
                        });
            } finally {
                env.s3().restart();
            }
            awaitArchived(env, topic, 800);
            awaitCommitted(env, topic, 800);
            Deadline.await("readiness UP again", Duration.ofSeconds(30), () -> ScrapedHealth.of(settings).isUp());
        } finally {
            archiver.stop();
        }
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(800).allSatisfy((offset, n) -> assertThat(n).isEqualTo(1));
        assertThat(filesIn(dir.resolve("work").resolve("quarantine"))).isEmpty();
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains(".mak")).toList();
        }
    }
}
