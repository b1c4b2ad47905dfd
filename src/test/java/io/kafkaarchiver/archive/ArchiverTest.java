package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The local side of the archive, without Kafka or S3: rotation, recovery after a crash, and what may be committed. */
class ArchiverTest {

    private static final TopicPartition TP = new TopicPartition("orders", 1);

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();
    private WorkDir dir;

    @BeforeEach
    void openDir() throws IOException {
        dir = WorkDir.open(root);
    }

    private Archiver archiver(long maxBytes, long maxRecords) throws IOException {
        return Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofMinutes(1), maxBytes, maxRecords),
                Duration.ofMinutes(10), clock);
    }

    @Test
    void rotatesByRecordCount() throws IOException {
        Archiver archiver = archiver(1L << 30, 10);
        appendRange(archiver, 0, 25);
        assertThat(archiver.awaitingCompression()).hasSize(2);
        assertThat(recordCounts(archiver.awaitingCompression())).containsExactly(10L, 10L);
    }

    @Test
    void rotatesBySize() throws IOException {
        Archiver archiver = archiver(4096, 1_000_000);
        appendRange(archiver, 0, 100);
        List<Path> rotated = archiver.awaitingCompression();
        assertThat(rotated).isNotEmpty();
        for (Path f : rotated) {
            assertThat(Files.size(f)).isBetween(4096L, 4096L + 200);
        }
    }

    @Test
    void rotatesByAgeOnlyOnceTheFileIsOldEnough() throws IOException {
        Archiver archiver = archiver(1L << 30, 1_000_000);
        appendRange(archiver, 0, 5);
        clock.advance(Duration.ofSeconds(59));
        assertThat(archiver.rotateDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(archiver.rotateDue()).hasSize(1);
        assertThat(archiver.rotateDue()).as("nothing left to rotate").isEmpty();
    }

    @Test
    void resumesInProgressFilesAfterACrashCuttingTheTornTail(@TempDir Path afterCrash) throws IOException {
        Archiver first = archiver(1L << 30, 1_000_000);
        appendRange(first, 100, 10);
        first.commit(TP);
        appendRange(first, 110, 5); // appended but never committed: lost with the crash, and consumed again
        // The crash: what is on disk now is all that is left, and half a record had reached it.
        dir = WorkDir.open(afterCrash);
        Path inProgress = dir.inProgress().resolve(WorkDir.filesIn(WorkDir.open(root).inProgress()).get(0).getFileName());
        Files.copy(root.resolve("in-progress").resolve(inProgress.getFileName()), inProgress);
        Files.write(inProgress, new byte[] {0, 0, 0, 9, 1, 2}, StandardOpenOption.APPEND);

        Archiver second = archiver(1L << 30, 1_000_000);
        assertThat(second.nextOffset(TP)).as("resume after the last committed record").isEqualTo(110);
        appendRange(second, 110, 5);
        second.close();
        try (MakReader reader = MakReader.open(inProgress)) {
            assertThat(reader.summary().orElseThrow().recordCount()).isEqualTo(15);
            assertThat(reader.summary().orElseThrow().lastOffset()).isEqualTo(114);
        }
        first.close();
    }

    @Test
    void commitsNeverPassAFileStillOnDisk() throws IOException {
        Archiver archiver = archiver(1L << 30, 10);
        appendRange(archiver, 0, 35); // files 0-9, 10-19, 20-29 rotated; 30-34 in progress
        FileCompressor compressor = new FileCompressor(dir, Compression.GZIP);
        List<Path> uploads = archiver.awaitingCompression().stream().map(f -> {
            try {
                return compressor.compress(f);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(archiver.committableOffset(TP)).isZero();
        // The second file is uploaded first; the first is quarantined: nothing may be committed yet.
        Files.delete(uploads.get(1));
        archiver.markArchived(TP, 19);
        dir.quarantine(uploads.get(0));
        assertThat(archiver.committableOffset(TP)).isZero();
        Files.delete(dir.quarantine().resolve(uploads.get(0).getFileName()));
        archiver.markArchived(TP, 9);
        assertThat(archiver.committableOffset(TP)).isEqualTo(20);
        Files.delete(uploads.get(2));
        archiver.markArchived(TP, 29);
        assertThat(archiver.committableOffset(TP)).as("up to the in-progress file").isEqualTo(30);
        assertThat(archiver.nextOffset(TP)).isEqualTo(35);
    }

    @Test
    void quarantinedFilesGoBackToUploadAfterTheirWait() throws IOException {
        Archiver archiver = archiver(1L << 30, 10);
        appendRange(archiver, 0, 10);
        Path upload = new FileCompressor(dir, Compression.NONE).compress(archiver.awaitingCompression().get(0));
        dir.quarantine(upload);
        assertThat(archiver.releaseQuarantine()).isEmpty();
        clock.advance(Duration.ofMinutes(11));
        assertThat(archiver.releaseQuarantine()).hasSize(1);
        assertThat(archiver.awaitingUpload()).hasSize(1);
    }

    private static void appendRange(Archiver archiver, long from, int count) throws IOException {
        for (long o = from; o < from + count; o++) {
            archiver.append(TP, MakRecord.of(o, ("k" + o).getBytes(), new byte[40]));
        }
    }

    private static List<Long> recordCounts(List<Path> files) {
        return files.stream().map(f -> {
            try {
                return ArchiveFacts.of(f).summary().recordCount();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
