package io.kafkaarchiver.archive;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk that fills up under the archiver, on a file system with a size limit: the partition pauses
 * at its first record not safely in the file, the file stays readable, the other partitions go on,
 * and once there is room again every offset is written exactly once.
 */
class ArchiverFullDiskTest {

    private static final TopicPartition FULL = new TopicPartition("orders", 0);
    private static final TopicPartition OTHER = new TopicPartition("audit", 0);
    private static final int RECORD_BYTES = 1024;
    private static final int POLL = 10;

    private final ArchiverTest.MutableClock clock = new ArchiverTest.MutableClock();
    private FileSystem fs;
    private Path filler;
    private Archiver archiver;

    @BeforeEach
    void openOnASmallDisk() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(4L << 20).build());
        Path root = fs.getPath("/work");
        // Leaves about 64 KB for the archive.
        filler = fs.getPath("/filler");
        Files.write(filler, new byte[(4 << 20) - (64 << 10)]);
        archiver = Archiver.open(WorkDir.open(root), MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 1_000_000),
                Compression.GZIP, Duration.ofMinutes(10), clock, topic -> Optional.empty());
        archiver.assigned(FULL, Optional.empty(), CommitPoint.NONE);
        archiver.assigned(OTHER, Optional.empty(), CommitPoint.NONE);
    }

    @AfterEach
    void close() throws IOException {
        archiver.close();
        fs.close();
    }

    @Test
    void aFullDiskPausesThePartitionThenWritesEveryOffsetOnce() throws IOException {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.assign(List.of(FULL, OTHER));
        consumer.updateBeginningOffsets(Map.of(FULL, 0L, OTHER, 0L));

        long next = 0;
        while (!archiver.stalls().isStalled(FULL)) {
            next = poll(FULL, next);
            assertThat(next).as("the disk should have filled up by now").isLessThan(1000);
        }
        Path file = inProgressFile(FULL);
        long resumeAt = committedRecords(file);
        assertThat(resumeAt).as("records safely in the file").isPositive();
        // Records Kafka delivers before the pause takes hold are left out, not written after a hole.
        poll(FULL, next);
        assertThat(committedRecords(file)).isEqualTo(resumeAt);

        archiver.stalls().applyTo(consumer, clock.instant());
        assertThat(consumer.paused()).containsExactly(FULL);
        assertThat(consumer.position(FULL)).as("consumed again from the first record not in the file").isEqualTo(resumeAt);

        Files.delete(filler);
        poll(OTHER, 0);
        assertThat(committedRecords(inProgressFile(OTHER))).as("the other partition goes on").isEqualTo(POLL);

        clock.advance(PartitionShare.WRITE_RETRY_AFTER);
        archiver.stalls().applyTo(consumer, clock.instant());
        assertThat(consumer.paused()).isEmpty();
        long end = poll(FULL, resumeAt);
        assertThat(offsetsIn(file)).containsExactlyElementsOf(range(end));
    }

    /** One poll's worth of records for a partition, committed after the last, as the consumer route does. */
    private long poll(TopicPartition tp, long from) {
        List<MakRecord> records = new ArrayList<>();
        for (long o = from; o < from + POLL; o++) {
            records.add(MakRecord.of(o, null, new byte[RECORD_BYTES]));
        }
        archiver.write(tp, records, new ArrayList<>());
        return from + POLL;
    }

    private Path inProgressFile(TopicPartition tp) throws IOException {
        try (var files = Files.list(fs.getPath("/work", "in-progress"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(tp.topic() + "+")).findFirst().orElseThrow();
        }
    }

    private static long committedRecords(Path file) throws IOException {
        return offsetsIn(file).size();
    }

    private static List<Long> offsetsIn(Path file) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (MakReader reader = MakReader.open(file)) {
            for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                offsets.add(r.offset());
            }
        }
        return offsets;
    }

    private static List<Long> range(long end) {
        List<Long> offsets = new ArrayList<>();
        for (long o = 0; o < end; o++) {
            offsets.add(o);
        }
        return offsets;
    }
}
