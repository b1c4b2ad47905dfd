package io.kafkaarchiver.archive;

import io.kafkaarchiver.cli.Console;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.store.file.FileStore;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.LatencyProxy;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static io.kafkaarchiver.archive.ArchiverIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 refusing the archive while it runs (its bucket deleted) is told as the setting to fix, once, and
 * readiness and the metrics say so; once S3 accepts again, every offset is archived. A SIGTERM ends the
 * archiver within seconds, while S3 refuses and while uploads retry through an outage. A directory store
 * whose share is unmounted refuses alike, and nothing is written to the mount point.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class StoreRefusalIT {

    /** What an operator, or Kubernetes' grace period, waits for a stop. */
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(10);
    private static final String REFUSED_UPLOAD = "The store refused the upload of ";

    @TempDir
    Path dir;

    @Test
    void aDeletedBucketIsToldOnceAsTheSettingToFixAndEveryOffsetIsArchivedOnceItIsBack(TestEnv env) throws Exception {
        String topic = env.topic("refused");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        try (LatencyProxy s3 = LatencyProxy.start(env.s3().endpoint(), Duration.ZERO)) {
            Properties settings = settings(env, dir, "archive.topics", topic, "s3.endpoint", s3.endpoint().toString(),
                    "archive.rotate.max-age", "2s", "archive.quarantine.retry-after", "2s",
                    // The backoff as shipped (1 s, doubling): a stop does not wait for the retries.
                    "archive.upload.initial-delay", "1s", "archive.upload.max-delay", "5m");
            ArchiverProcess.writeSettings(dir, settings);

            ChildJvm first = ArchiverProcess.start(env, dir, "refused");
            produce(env, topic, 0, 200);
            awaitCommitted(env, topic, 200);
            deleteBucket(env);
            Map<String, ?> produced = produce(env, topic, 200, 200);
            Path firstLog = ArchiverProcess.log(env, "refused");
            Deadline.await("an upload refused twice, the second time after archive.quarantine.retry-after", Duration.ofSeconds(60), () -> {
                first.checkAlive();
                return refusedUploads(firstLog).values().stream().anyMatch(times -> times > 1);
            });
            assertThat(lines(firstLog).filter(l -> l.contains(" ERROR ") && l.contains("s3.bucket")).toList()).as("ERROR lines naming s3.bucket")
                    .singleElement().asString().contains("The store refuses uploads: bad setting s3.bucket: no bucket " + env.bucket());
            assertThat(lines(firstLog).filter(l -> l.contains("On delivery attempt")).toList()).as("uploads retried with the outage backoff").isEmpty();
            ScrapedHealth readiness = ScrapedHealth.of(settings);
            assertThat(readiness.isUp()).isFalse();
            assertThat(readiness.body()).contains("bad setting s3.bucket");
            ScrapedMetrics metrics = ScrapedMetrics.of(settings);
            assertThat(metrics.value("kafka_archiver_store_refused")).isEqualTo(1);
            assertThat(metrics.value("kafka_archiver_store_refusals_total{setting=\"s3.bucket\"}")).isGreaterThanOrEqualTo(2);

            env.s3Client().createBucket(b -> b.bucket(env.bucket()));
            awaitCommitted(env, topic, 400);
            assertThat(ArchiveContents.read(env).offsetCounts(topic)).as("offsets produced while S3 refused, in S3")
                    .containsOnlyKeys(produced.keySet()).allSatisfy((offset, n) -> assertThat(n).as(offset).isEqualTo(1));
            Deadline.await("readiness UP again", Duration.ofSeconds(30), () -> ScrapedHealth.of(settings).isUp());
            assertThat(ScrapedMetrics.of(settings).value("kafka_archiver_store_refused")).isZero();
            assertThat(lines(firstLog)).anyMatch(l -> l.contains("The store accepts uploads again"));

            deleteBucket(env);
            produce(env, topic, 400, 100);
            Deadline.await("S3 refusing again", Duration.ofSeconds(60), () -> {
                first.checkAlive();
                return ScrapedMetrics.of(settings).value("kafka_archiver_store_refused") == 1;
            });
            assertStopsWithinSeconds(first);

            // Started again while the bucket is missing, the archiver stops at its startup check, naming the setting.
            ChildJvm refusedStart = ArchiverProcess.start(env, dir, "refused-start");
            assertThat(refusedStart.awaitExit(Duration.ofSeconds(60))).isEqualTo(Console.EXIT_USAGE);
            assertThat(lines(ArchiverProcess.log(env, "refused-start")))
                    .anyMatch(l -> l.startsWith("run: bad setting s3.bucket: no bucket " + env.bucket()));
            env.s3Client().createBucket(b -> b.bucket(env.bucket()));
            ChildJvm second = ArchiverProcess.start(env, dir, "accepted");
            awaitCommitted(env, topic, 500);

            s3.down();
            produce(env, topic, 500, 100);
            Deadline.await("uploads retrying while S3 is down", Duration.ofSeconds(60), () -> {
                second.checkAlive();
                return lines(ArchiverProcess.log(env, "accepted")).anyMatch(l -> l.contains("On delivery attempt"));
            });
            assertStopsWithinSeconds(second);
        }
    }

    @Test
    void aShareUnmountedUnderADirectoryStoreIsARefusalNamingFileRootAndEveryOffsetGoesUpOnceItIsBack(TestEnv env) throws Exception {
        String topic = env.topic("unmounted");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        Path share = Files.createDirectories(dir.resolve("share")).toAbsolutePath();
        Path unmounted = dir.resolve("share-unmounted");
        Properties settings = settings(env, dir, "archive.topics", topic, "archive.store", "file", "file.root", share.toString(),
                "archive.rotate.max-age", "2s", "archive.quarantine.retry-after", "2s");
        ArchiverProcess.writeSettings(dir, settings);

        try (ChildJvm archiver = ArchiverProcess.start(env, dir, "unmounted")) {
            produce(env, topic, 0, 100);
            awaitCommitted(env, topic, 100);
            // Unmounted: the share's folders go, its empty mount point stays.
            Files.move(share, unmounted);
            Files.createDirectory(share);
            produce(env, topic, 100, 100);
            Deadline.await("readiness DOWN", Duration.ofSeconds(60), () -> {
                archiver.checkAlive();
                return !ScrapedHealth.of(settings).isUp();
            });
            // (The body is JSON: the path's slashes are escaped.)
            assertThat(ScrapedHealth.of(settings).body()).contains("bad setting file.root: directory ",
                    "share has lost the archive's own folder .kafka-archiver (a share no longer mounted there?)");
            try (Stream<Path> written = Files.list(share)) {
                assertThat(written).as("written to the mount point").isEmpty();
            }

            Files.delete(share);
            Files.move(unmounted, share);
            awaitCommitted(env, topic, 200);
            assertThat(ArchiveContents.read(FileStore.open(share)).offsetCounts(topic)).as("offsets in the share").hasSize(200)
                    .allSatisfy((offset, n) -> assertThat(n).as(offset).isEqualTo(1));
            Deadline.await("readiness UP again", Duration.ofSeconds(30), () -> ScrapedHealth.of(settings).isUp());
        }
    }

    private static void assertStopsWithinSeconds(ChildJvm archiver) throws Exception {
        try (archiver) {
            assertThat(archiver.stop(STOPS_WITHIN)).as("stopped within " + STOPS_WITHIN + " of a SIGTERM").isTrue();
        }
    }

    /** Deletes the bucket's objects, then the bucket, again until it is gone: the archiver may write meanwhile. */
    private static void deleteBucket(TestEnv env) throws Exception {
        Deadline.await("the bucket deleted", Duration.ofSeconds(30), () -> {
            try {
                for (S3Object o : env.s3Client().listObjectsV2Paginator(b -> b.bucket(env.bucket())).contents()) {
                    env.s3Client().deleteObject(b -> b.bucket(env.bucket()).key(o.key()));
                }
                env.s3Client().deleteBucket(b -> b.bucket(env.bucket()));
                return true;
            } catch (S3Exception notEmptyYet) {
                return false;
            }
        });
    }

    /** How many times each file's upload was refused. */
    private static Map<String, Long> refusedUploads(Path log) throws Exception {
        return lines(log).filter(l -> l.contains(REFUSED_UPLOAD))
                .map(l -> l.substring(l.indexOf(REFUSED_UPLOAD) + REFUSED_UPLOAD.length()).split(" ")[0])
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Stream<String> lines(Path log) throws Exception {
        return Files.readAllLines(log).stream();
    }
}
