package io.kafkaarchiver.archive;

import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.Damage;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitArchived;
import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static io.kafkaarchiver.archive.ArchiverIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A power loss as an operator met it: the archiver killed while records flow, the tails of its in-progress
 * files then damaged as unflushed data is (zeroed with the size kept, or cut short). Started again, it
 * starts by itself, and every offset reaches S3.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class PowerLossIT {

    private static final int BEFORE = 6000;
    private static final int WHILE_RUNNING = 2000;
    private static final int AFTER = 1000;

    @TempDir
    Path dir;

    @Test
    void damagedTailsAfterAKillAreCutAndEveryOffsetReachesS3(TestEnv env) throws Exception {
        String topic = env.topic("power");
        env.kafka().createTopic(topic, 4);
        produce(env, topic, 0, BEFORE);
        // Files of 1000 records, rotated by size only: each partition keeps hundreds of records in progress.
        ArchiverProcess.writeSettings(dir, settings(env, dir, "archive.topics", topic, "archive.rotate.max-records", "1000",
                "archive.rotate.max-age", "1h"));

        ChildJvm first = ArchiverProcess.start(env, dir, "first");
        CompletableFuture<Void> flowing;
        try {
            Deadline.await("the first object in S3", Duration.ofSeconds(90), () -> {
                first.checkAlive();
                return !ArchiveContents.read(env).entries().isEmpty();
            });
            flowing = CompletableFuture.runAsync(() -> {
                try {
                    produce(env, topic, BEFORE, WHILE_RUNNING);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            first.kill();
        }
        flowing.join();

        List<Path> inProgress = filesIn(dir.resolve("work").resolve("in-progress"));
        assertThat(inProgress).as("in-progress files left by the killed archiver").isNotEmpty();
        for (int i = 0; i < inProgress.size(); i++) {
            damageTail(inProgress.get(i), i % 2 == 0);
        }

        produce(env, topic, BEFORE + WHILE_RUNNING, AFTER);
        int total = BEFORE + WHILE_RUNNING + AFTER;
        Properties again = settings(env, dir, "archive.topics", topic, "archive.rotate.max-records", "1000", "archive.rotate.max-age", "2s");
        ArchiverProcess.writeSettings(dir, again);
        try (ChildJvm second = ArchiverProcess.start(env, dir, "second")) {
            awaitArchived(env, topic, total);
            awaitCommitted(env, topic, total);
            second.checkAlive();
            assertThat(ScrapedMetrics.of(again).value("kafka_archiver_recovered_tails_total"))
                    .as("each damaged file counted").isEqualTo(inProgress.size());
        }
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(total)
                .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isPositive());
    }

    /** What a power loss leaves of a file's unflushed tail: its last 4 KB zeroed with the size kept, or its last 1,000 bytes gone. */
    private static void damageTail(Path file, boolean zeroed) throws Exception {
        long size = Files.size(file);
        if (zeroed) {
            long from = Math.max(0, size - 4096);
            Damage.overwrite(file, from, new byte[(int) (size - from)]);
        } else {
            Damage.truncate(file, Math.max(0, size - 1000));
        }
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".mak")).sorted().toList();
        }
    }
}
