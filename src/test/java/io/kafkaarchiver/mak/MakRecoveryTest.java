package io.kafkaarchiver.mak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.kafkaarchiver.mak.MakV1VectorsTest.readAll;
import static io.kafkaarchiver.testkit.Damage.overwrite;
import static io.kafkaarchiver.testkit.Damage.truncate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file whose tail a power loss damaged is resumed like Kafka's log: cut to the last record that checks
 * out, its commit point rewritten, and written on as if nothing had happened.
 */
class MakRecoveryTest {

    private static final MakFileHeader HEADER = new MakFileHeader("tt", 0, 0, Instant.parse("2026-12-04T10:00:00Z"));
    private static final int RECORDS = 2_000;
    private static final int PER_COMMIT = 100;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(MakVersion.class)
    void zeroedTailWithTheSizeKeptIsCutToTheLastWholeRecord(MakVersion version) throws IOException {
        Path file = written(version);
        long damageAt = Files.size(file) - 4096;
        overwrite(file, damageAt, new byte[4096]);

        Resumed resumed = resumeAndFinish(file);

        assertCutAt(version, resumed, damageAt);
    }

    @ParameterizedTest
    @EnumSource(MakVersion.class)
    void cutTailIsCutToTheLastWholeRecord(MakVersion version) throws IOException {
        Path file = written(version);
        long size = Files.size(file);
        truncate(file, size - 1000);
        assertThatThrownBy(() -> readAll(MakReader.open(file))).isInstanceOf(MakFormatException.class)
                .hasMessageContaining("expected an end position between").hasMessageEndingWith("(the file size), found " + size);

        Resumed resumed = resumeAndFinish(file);

        assertCutAt(version, resumed, size - 1000);
        assertThat(resumed.cut().damage()).as("the WARN names what was wrong").contains("found " + size);
    }

    @ParameterizedTest
    @EnumSource(MakVersion.class)
    void endPositionPastTheFileEndIsRecovered(MakVersion version) throws IOException {
        Path file = written(version);
        long size = Files.size(file);
        setEndPosition(file, version, size + 1000);
        assertThatThrownBy(() -> readAll(MakReader.open(file))).isInstanceOf(MakFormatException.class)
                .hasMessageEndingWith("(the file size), found " + (size + 1000));

        Resumed resumed = resumeAndFinish(file);

        assertThat(resumed.kept()).as("every record up to the file's end checks out").isEqualTo(records());
        assertThat(resumed.cut().droppedBytes()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = MakVersion.class, names = "V2")
    void recordWithAFailingChecksumEndsTheRecordsKept(MakVersion version) throws IOException {
        Path file = written(version);
        long damageAt = startOf(version, 1000) + 30;
        overwrite(file, damageAt, new byte[] {(byte) ~byteAt(file, damageAt)});

        Resumed resumed = resumeAndFinish(file);

        assertCutAt(version, resumed, damageAt);
        assertThat(resumed.kept()).hasSize(1000);
        assertThat(resumed.cut().damage()).contains("CRC-32C").contains("at byte " + startOf(version, 1000));
    }

    @ParameterizedTest
    @EnumSource(value = MakVersion.class, names = "V2")
    void bothCommitSlotsDamagedKeepsWhatScansCleanly(MakVersion version) throws IOException {
        Path file = written(version);
        long size = Files.size(file);
        overwrite(file, MakV2Layout.SLOT_A_OFFSET, new byte[2 * MakV2Layout.SLOT_LENGTH]);
        truncate(file, size - 1000);

        Resumed resumed = resumeAndFinish(file);

        assertCutAt(version, resumed, size - 1000);
        assertThat(resumed.cut().damage()).contains("both slots damaged");
    }

    @ParameterizedTest
    @EnumSource(MakVersion.class)
    void soundFileIsNotReportedAsCut(MakVersion version) throws IOException {
        Path file = written(version);
        try (MakWriter writer = MakWriter.resume(file)) {
            assertThat(writer.cutTail()).isEmpty();
            assertThat(writer.summary().recordCount()).isEqualTo(RECORDS);
        }
    }

    @ParameterizedTest
    @EnumSource(MakVersion.class)
    void unreadableHeadIsStillRefused(MakVersion version) throws IOException {
        Path file = written(version);
        overwrite(file, 0, new byte[4096]);
        assertThatThrownBy(() -> MakWriter.resume(file)).isInstanceOf(MakFormatException.class).hasMessageContaining("at byte 0");
    }

    /** What a resume kept and reported cutting. */
    private record Resumed(List<MakRecord> kept, CutTail cut) {
    }

    /**
     * Resumes a damaged file, appends the records that were dropped and one more across two commits, and reads the
     * file back with the strict reader: it must hold every record once, in order.
     */
    private static Resumed resumeAndFinish(Path file) throws IOException {
        List<MakRecord> kept;
        CutTail cut;
        try (MakWriter writer = MakWriter.resume(file)) {
            assertThat(writer.cutTail()).as("damage is reported").isPresent();
            cut = writer.cutTail().get();
            assertThat(cut.keptBytes()).isEqualTo(Files.size(file));
            try (MakReader reader = MakReader.open(file)) {
                kept = readAll(reader);
            }
            for (MakRecord r : records().subList(kept.size(), RECORDS)) {
                writer.append(r);
            }
            writer.commit();
            writer.append(record(RECORDS));
        }
        List<MakRecord> all = new ArrayList<>(records());
        all.add(record(RECORDS));
        try (MakReader reader = MakReader.open(file)) {
            assertThat(readAll(reader)).as("the file reads back whole after the resume").isEqualTo(all);
        }
        return new Resumed(kept, cut);
    }

    /** Exactly the records wholly before the damage are kept. */
    private static void assertCutAt(MakVersion version, Resumed resumed, long damageAt) {
        int kept = resumed.kept().size();
        assertThat(resumed.kept()).isEqualTo(records().subList(0, kept));
        assertThat(startOf(version, kept)).as("the records kept end before the damage").isLessThanOrEqualTo(damageAt);
        assertThat(startOf(version, kept + 1)).as("the first record dropped reaches into the damage").isGreaterThan(damageAt);
        assertThat(resumed.cut().keptBytes()).isEqualTo(startOf(version, kept));
    }

    private Path written(MakVersion version) throws IOException {
        Path file = tmp.resolve(version + ".mak");
        try (MakWriter writer = MakWriter.create(file, version, HEADER)) {
            for (MakRecord r : records()) {
                writer.append(r);
                if (r.offset() % PER_COMMIT == PER_COMMIT - 1) {
                    writer.commit();
                }
            }
        }
        return file;
    }

    private static List<MakRecord> records() {
        List<MakRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(record(i));
        }
        return records;
    }

    private static MakRecord record(int offset) {
        return MakRecord.of(offset, ("key-" + offset).getBytes(StandardCharsets.UTF_8),
                ("value of record " + offset + " ".repeat(offset % 1000)).getBytes(StandardCharsets.UTF_8));
    }

    /** Where the record at this index starts in a file {@link #written} wrote. */
    private static long startOf(MakVersion version, int index) {
        int json = HeaderJson.encode(HEADER).length;
        long at = version == MakVersion.V1 ? MakV1Layout.HEADER_JSON_OFFSET + json
                : MakV2Layout.HEADER_JSON_OFFSET + json + MakV2Layout.HEADER_CRC_LENGTH;
        for (MakRecord r : records().subList(0, Math.min(index, RECORDS))) {
            long payload = r.key().length + r.value().length;
            at += version == MakVersion.V1 ? 3 * 8 + payload
                    : MakV2Layout.RECORD_LENGTH_FIELD + MakV2Layout.MIN_BODY_LENGTH + payload + MakV2Layout.RECORD_CRC_FIELD;
        }
        return at;
    }


    private static byte byteAt(Path file, long at) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            return one.get(0);
        }
    }

    /** Points the commit point somewhere else, its checksum (v2) made to match: as a write the disk took out of order would. */
    private static void setEndPosition(Path file, MakVersion version, long end) throws IOException {
        if (version == MakVersion.V1) {
            overwrite(file, MakV1Layout.END_POSITION_OFFSET, ByteBuffer.allocate(8).putLong(end).array());
            return;
        }
        CommitSlot current;
        try (MakReader reader = MakReader.open(file)) {
            current = new CommitSlot(reader.commitSequence(), end, reader.summary().orElseThrow());
        }
        overwrite(file, CommitSlot.offsetFor(current.sequence()), current.encode());
    }
}
