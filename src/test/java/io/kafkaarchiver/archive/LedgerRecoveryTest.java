package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.kafkaarchiver.testkit.Damage.overwrite;
import static io.kafkaarchiver.testkit.Damage.truncate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archiver opens a working directory a power loss damaged, as Kafka opens a damaged log: each damaged file
 * is cut or moved aside and reported, and the partition is read again from the first offset that was lost.
 */
class LedgerRecoveryTest {

    private static final TopicPartition TP = new TopicPartition("tt", 0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;
    private WorkDir dir;

    @BeforeEach
    void open() throws IOException {
        dir = WorkDir.open(root);
    }

    @ParameterizedTest
    @EnumSource(MakVersion.class)
    void inProgressFileWithAZeroedTailIsCutAndReadAgainFromTheFirstOffsetLost(MakVersion version) throws IOException {
        WorkFile file = written(Stage.IN_PROGRESS, version, 0, 1000);
        long size = Files.size(file.path(dir));
        overwrite(file.path(dir), size - 4096, new byte[4096]);

        Ledger ledger = Ledger.recover(dir, CLOCK);

        RecoveredFile damaged = single(ledger);
        long kept = recordsIn(file.path(dir));
        assertThat(kept).isBetween(900L, 999L);
        assertThat(damaged).isEqualTo(new RecoveredFile(file, size - Files.size(file.path(dir)), kept, null));
        assertThat(ledger.nextOffset(TP)).as("read again from the first offset dropped").isEqualTo(kept);
        assertThat(ledger.count(Stage.IN_PROGRESS)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(MakVersion.class)
    void inProgressFileCutShortIsCutToItsLastWholeRecord(MakVersion version) throws IOException {
        WorkFile file = written(Stage.IN_PROGRESS, version, 500, 1000);
        truncate(file.path(dir), Files.size(file.path(dir)) - 1000);

        Ledger ledger = Ledger.recover(dir, CLOCK);

        long kept = recordsIn(file.path(dir));
        assertThat(kept).isBetween(990L, 999L);
        assertThat(single(ledger).readAgainFrom()).isEqualTo(500 + kept);
        assertThat(ledger.nextOffset(TP)).isEqualTo(500 + kept);
    }

    @Test
    void inProgressFileWithoutAReadableHeadIsMovedAsideAndTheArchiverStillOpens() throws IOException {
        written(Stage.ROTATED, MakVersion.V2, 0, 100);
        WorkFile file = written(Stage.IN_PROGRESS, MakVersion.V2, 100, 1000);
        overwrite(file.path(dir), 0, new byte[(int) Files.size(file.path(dir))]);

        Ledger ledger = Ledger.recover(dir, CLOCK);

        RecoveredFile damaged = single(ledger);
        assertThat(damaged.movedTo()).isEqualTo(dir.damaged().resolve("in-progress+" + file.fileName())).exists();
        assertThat(damaged.readAgainFrom()).isEqualTo(100);
        assertThat(file.path(dir)).doesNotExist();
        assertThat(ledger.count(Stage.IN_PROGRESS)).isZero();
        assertThat(ledger.nextOffset(TP)).as("after what the rotated file holds").isEqualTo(100);
    }

    @Test
    void damagedRotatedFileIsCutAndItsPartitionReadAgainPastTheLaterFiles() throws IOException {
        WorkFile rotated = written(Stage.ROTATED, MakVersion.V1, 0, 1000);
        WorkFile later = written(Stage.IN_PROGRESS, MakVersion.V1, 1000, 50);
        truncate(rotated.path(dir), Files.size(rotated.path(dir)) - 1000);

        Ledger ledger = Ledger.recover(dir, CLOCK);

        long kept = recordsIn(rotated.path(dir));
        assertThat(single(ledger).readAgainFrom()).isEqualTo(kept);
        assertThat(ledger.nextOffset(TP)).as("the offsets lost are read again, though a later file holds more").isEqualTo(kept);
        assertThat(ledger.facts(rotated).summary().lastOffset()).isEqualTo(kept - 1);
        assertThat(ledger.count(Stage.IN_PROGRESS)).as("the later file is completed: what is read again goes to a file of its own").isZero();
        assertThat(later.in(Stage.ROTATED, Compression.NONE).path(dir)).exists();
        assertThat(ledger.committable(TP).offset()).isZero();
    }

    @Test
    void damagedObjectWhoseRotatedFileIsStillThereIsDroppedToBeMadeAgain() throws IOException {
        WorkFile rotated = written(Stage.ROTATED, MakVersion.V2, 0, 1000);
        WorkFile object = gzipped(rotated, Stage.UPLOAD);
        truncate(object.path(dir), Files.size(object.path(dir)) / 2);

        Ledger ledger = Ledger.recover(dir, CLOCK);

        RecoveredFile damaged = single(ledger);
        assertThat(damaged.file()).isEqualTo(object);
        assertThat(damaged.readAgainFrom()).as("nothing is read again from Kafka").isEqualTo(-1);
        assertThat(damaged.movedTo()).isNull();
        assertThat(object.path(dir)).doesNotExist();
        assertThat(ledger.takeRecovered(Stage.ROTATED)).containsExactly(rotated);
        assertThat(ledger.nextOffset(TP)).as("the rotated file holds them all").isEqualTo(1000);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"UPLOAD", "QUARANTINE"})
    void damagedObjectWithoutItsRotatedFileIsMovedAsideAndItsOffsetsReadAgain(Stage stage) throws IOException {
        new ArchivedMarks(dir.state()).markArchived(TP, Life.UNKNOWN, 499);
        WorkFile source = written(Stage.ROTATED, MakVersion.V2, 500, 1000);
        WorkFile object = gzipped(source, stage);
        Files.delete(source.path(dir));
        written(Stage.IN_PROGRESS, MakVersion.V2, 1500, 10);
        truncate(object.path(dir), Files.size(object.path(dir)) - 1000);

        Ledger ledger = Ledger.recover(dir, CLOCK);

        RecoveredFile damaged = single(ledger);
        assertThat(damaged.movedTo()).exists().hasParent(dir.damaged());
        assertThat(damaged.readAgainFrom()).isEqualTo(500);
        assertThat(ledger.count(stage)).isZero();
        assertThat(ledger.count(Stage.IN_PROGRESS)).as("the later file is completed").isZero();
        assertThat(ledger.nextOffset(TP)).as("its offsets are not held any more").isEqualTo(500);
        assertThat(ledger.committable(TP).offset()).as("no commit passes them, though the later file is archived")
                .isEqualTo(500);
        ledger.archived(new WorkFile(TP, Life.UNKNOWN, 1500, Stage.ROTATED, Compression.NONE));
        assertThat(ledger.committable(TP).offset()).isEqualTo(500);
    }

    @Test
    void soundWorkingDirectoryReportsNothing() throws IOException {
        written(Stage.ROTATED, MakVersion.V2, 0, 100);
        written(Stage.IN_PROGRESS, MakVersion.V1, 100, 100);

        Ledger ledger = Ledger.recover(dir, CLOCK);

        assertThat(ledger.damagedFiles()).isEmpty();
        assertThat(ledger.nextOffset(TP)).isEqualTo(200);
    }

    private static RecoveredFile single(Ledger ledger) {
        assertThat(ledger.damagedFiles()).hasSize(1);
        return ledger.damagedFiles().get(0);
    }

    /** A file of {@code count} records from {@code start}, committed every 100 records, as the archiver writes them. */
    private WorkFile written(Stage stage, MakVersion version, long start, int count) throws IOException {
        WorkFile file = new WorkFile(TP, Life.UNKNOWN, start, stage, Compression.NONE);
        MakFileHeader header = new MakFileHeader(TP.topic(), TP.partition(), start, CLOCK.instant());
        try (MakWriter writer = MakWriter.create(file.path(dir), version, header)) {
            for (long offset = start; offset < start + count; offset++) {
                writer.append(MakRecord.of(offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                        ("record " + offset + " ".repeat((int) (offset % 200))).getBytes(StandardCharsets.UTF_8)));
                if (offset % 100 == 99) {
                    writer.commit();
                }
            }
        }
        return file;
    }

    /** The object of a rotated file, gzipped into a stage; the rotated file stays. */
    private WorkFile gzipped(WorkFile rotated, Stage stage) throws IOException {
        WorkFile object = rotated.in(stage, Compression.GZIP);
        try (InputStream in = Files.newInputStream(rotated.path(dir));
             OutputStream out = Compression.GZIP.compress(Files.newOutputStream(object.path(dir)))) {
            in.transferTo(out);
        }
        return object;
    }

    private static long recordsIn(Path file) throws IOException {
        try (MakReader reader = MakReader.open(file)) {
            return reader.scan().recordCount();
        }
    }
}
