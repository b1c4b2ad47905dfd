package io.kafkaarchiver.archive;

import io.kafkaarchiver.archive.ArchiveContents.HeldRecords;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitArchived;
import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static io.kafkaarchiver.archive.ArchiverIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** What must not lose or duplicate a record: a kill -9 mid-run, the working directory lost with it, and S3 going away. */
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

    /**
     * docs/work-files.md, "A lost working directory": the group's commit is all that is left, every offset after it is
     * archived again, an object is never replaced by one holding fewer offsets, and offsets in two objects are named by verify.
     */
    @Test
    void killedWithItsWorkingDirectoryLostEveryOffsetIsArchivedAtLeastOnce(TestEnv env) throws Exception {
        String topic = env.topic("lost");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        ArchiverProcess.writeSettings(dir, settings(env, dir, "archive.topics", topic, "archive.rotate.max-records", "20",
                "archive.rotate.max-age", "1h"));
        ChildJvm first = ArchiverProcess.start(env, dir, "first");
        // 45 records a partition in files of 20: two objects each, and 5 records left in progress (max-age is long).
        produce(env, topic, 0, 180);
        Deadline.await("two objects a partition in the store and committed", Duration.ofSeconds(60), () -> {
            first.checkAlive();
            return committed(env, topic).values().stream().mapToLong(OffsetAndMetadata::offset).sum() == 160;
        });
        first.kill();
        Path work = dir.resolve("work");
        assertThat(filesIn(work.resolve("in-progress"))).as("in-progress files left by the killed archiver").isNotEmpty();
        List<HeldRecords> before = ArchiveContents.read(env).objects(topic);

        // The working directory, whose state/ knew of every object put, is lost; and the kill came after each
        // partition's last object was put, before its commit (docs/faults.md, "archived, not committed").
        deleteAll(work);
        produce(env, topic, 180, 100);
        Map<Integer, HeldRecords> uncommitted = before.stream().collect(Collectors.toMap(HeldRecords::partition, o -> o, (earlier, later) -> later));
        rewindCommits(env, topic, uncommitted);
        // Files of 15 now: the first one read again ends inside the object put before it, as a file rotated by age would.
        ArchiverProcess.writeSettings(dir, settings(env, dir, "archive.topics", topic, "archive.rotate.max-records", "15"));
        try (ChildJvm second = ArchiverProcess.start(env, dir, "second")) {
            awaitArchived(env, topic, 280);
            awaitCommitted(env, topic, 280);
        }

        ArchiveContents after = ArchiveContents.read(env);
        assertThat(after.offsetCounts(topic)).as("objects holding each offset").hasSize(280).allSatisfy((offset, n) -> assertThat(n).isBetween(1, 2));
        Map<String, HeldRecords> afterByKey = after.objects(topic).stream().collect(Collectors.toMap(HeldRecords::key, Function.identity()));
        assertThat(before).allSatisfy(o -> assertThat(afterByKey.get(o.key())).as("the object under " + o.key() + " after the loss")
                .isNotNull()
                .satisfies(now -> {
                    assertThat(now.firstOffset()).isLessThanOrEqualTo(o.firstOffset());
                    assertThat(now.lastOffset()).isGreaterThanOrEqualTo(o.lastOffset());
                    assertThat(now.count()).isGreaterThanOrEqualTo(o.count());
                }));

        CliRun verify = CliRun.of("verify", "--settings", dir.resolve("application.properties").toString(), "--topic", topic);
        assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();
        long twice = 0;
        for (HeldRecords old : uncommitted.values()) {
            HeldRecords next = after.objects(topic).stream()
                    .filter(o -> o.partition() == old.partition() && o.firstOffset() > old.firstOffset() && o.firstOffset() <= old.lastOffset())
                    .findFirst().orElseThrow(() -> new AssertionError("no object starting inside " + old + " in " + after.objects(topic)));
            assertThat(verify.out()).contains(topic + "/" + old.partition() + ": overlap at offsets " + next.firstOffset() + ".." + old.lastOffset()
                    + ", held by both " + old.key() + " and " + next.key());
            twice += old.lastOffset() - next.firstOffset() + 1;
        }
        assertThat(after.offsetCounts(topic).values().stream().filter(n -> n == 2).count()).as("offsets in two objects").isEqualTo(twice);
        assertThat(verify.out().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("verify: OK: 4 partitions (0 OK, 4 WARN, 0 FAIL)");
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(TestEnv env, String topic) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            return admin.listConsumerGroupOffsets(env.topic("archiver")).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    /** Sets the group's commit of each partition to the first offset of {@code objects}' one, keeping its metadata (the topic id). */
    private static void rewindCommits(TestEnv env, String topic, Map<Integer, HeldRecords> objects) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> rewound = committed(env, topic).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new OffsetAndMetadata(objects.get(e.getKey().partition()).firstOffset(), e.getValue().metadata())));
        try (Admin admin = env.kafka().admin()) {
            // Kafka takes it once the killed archiver has left the group, at its session timeout; until then it knows no such member.
            Deadline.await("the group's commits set back to " + rewound, Duration.ofSeconds(30), () -> {
                try {
                    admin.alterConsumerGroupOffsets(env.topic("archiver"), rewound).all().get(10, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownMemberIdException) {
                        return false;
                    }
                    throw e;
                }
            });
        }
    }

    private static void deleteAll(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
