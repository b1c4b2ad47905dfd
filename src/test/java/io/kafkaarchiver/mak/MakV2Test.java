package io.kafkaarchiver.mak;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.kafkaarchiver.mak.MakV1VectorsTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MAK v2: everything a Kafka record carries survives a round trip, and damage is caught. */
class MakV2Test {

    private static final MakFileHeader HEADER = new MakFileHeader("orders", 2, 100, Instant.parse("2026-11-23T10:15:30.123456Z"));

    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsEveryField() throws IOException {
        Path file = write(tmp.resolve("a.mak"), SampleRecords.all());
        try (MakReader reader = MakReader.open(file)) {
            assertThat(reader.version()).isEqualTo(MakVersion.V2);
            assertThat(reader.header()).isEqualTo(HEADER);
            assertThat(readAll(reader)).containsExactlyElementsOf(SampleRecords.all());
        }
    }

    @Test
    void nullAndEmptyStayDistinct() throws IOException {
        Path file = write(tmp.resolve("a.mak"), SampleRecords.all());
        try (MakReader reader = MakReader.open(file)) {
            List<MakRecord> records = readAll(reader);
            assertThat(records.get(0).key()).isNull();
            assertThat(records.get(1).key()).isEmpty();
            assertThat(records.get(1).value()).isEmpty();
            assertThat(records.get(2).value()).isNull();
            assertThat(records.get(4).headers().get(3).value()).isNull();
            assertThat(records.get(4).headers().get(2).value()).isEmpty();
        }
    }

    @Test
    void summaryIsReadableWithoutAScan() throws IOException {
        Path file = write(tmp.resolve("a.mak"), SampleRecords.all());
        try (MakReader reader = MakReader.open(file)) {
            MakSummary summary = reader.summary().orElseThrow();
            assertThat(summary.recordCount()).isEqualTo(9);
            assertThat(summary.firstOffset()).isEqualTo(100);
            assertThat(summary.lastOffset()).isEqualTo(109);
            assertThat(summary.minTimestamp()).as("the record at the epoch").isEqualTo(0);
            assertThat(summary.maxTimestamp()).isEqualTo(1_700_000_000_500L);
        }
    }

    @Test
    void anEmptyFileHasAnEmptySummary() throws IOException {
        Path file = write(tmp.resolve("a.mak"), List.of());
        try (MakReader reader = MakReader.open(file)) {
            assertThat(reader.summary()).contains(MakSummary.EMPTY);
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
    void readsCompressedFiles(Compression compression) throws IOException {
        Path plain = write(tmp.resolve("a.mak"), SampleRecords.all());
        Path compressed = tmp.resolve("a.mak" + compression.suffix());
        try (OutputStream out = compression.compress(Files.newOutputStream(compressed))) {
            Files.copy(plain, out);
        }
        try (MakReader reader = MakReader.open(compressed)) {
            assertThat(readAll(reader)).containsExactlyElementsOf(SampleRecords.all());
        }
    }

    @Test
    void aV1ReaderStopsAtTheMagic() throws IOException {
        Path file = write(tmp.resolve("a.mak"), SampleRecords.all());
        byte[] start = Arrays.copyOf(Files.readAllBytes(file), 3);
        assertThat(new String(start, StandardCharsets.ISO_8859_1)).isNotEqualTo("MAK");
    }

    @Test
    void aFlippedBitInARecordIsCaughtByItsChecksum() throws IOException {
        Path file = write(tmp.resolve("a.mak"), SampleRecords.all());
        long recordAt = firstRecordPosition(file);
        flipByte(file, recordAt + 4 + 20);
        assertThatThrownBy(() -> {
            try (MakReader reader = MakReader.open(file)) {
                readAll(reader);
            }
        }).isInstanceOf(MakFormatException.class)
                .hasMessageContaining(file + ": at byte " + recordAt)
                .hasMessageContaining("CRC-32C").hasMessageContaining("record damaged");
    }

    @Test
    void aDamagedHeaderIsCaught() throws IOException {
        Path file = write(tmp.resolve("a.mak"), SampleRecords.all());
        flipByte(file, MakV2Layout.HEADER_JSON_OFFSET + 3);
        assertThatThrownBy(() -> MakReader.open(file)).isInstanceOf(MakFormatException.class).hasMessageContaining("header damaged");
    }

    @Test
    void aTornUpdateOfTheCommitSlotFallsBackToThePreviousCommit() throws IOException {
        Path file = tmp.resolve("a.mak");
        List<MakRecord> records = SampleRecords.all();
        long sequence;
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, HEADER)) {
            records.subList(0, 3).forEach(r -> append(writer, r));
            writer.commit();
            records.subList(3, records.size()).forEach(r -> append(writer, r));
            writer.commit();
            sequence = 3; // create commits once, then two commits here
        }
        // close() commits again (sequence 4, slot A); damage it as a crash mid-update would.
        flipByte(file, CommitSlot.offsetFor(sequence + 1) + 10);
        try (MakReader reader = MakReader.open(file)) {
            assertThat(readAll(reader)).containsExactlyElementsOf(records);
        }
        flipByte(file, CommitSlot.offsetFor(sequence) + 10);
        assertThatThrownBy(() -> MakReader.open(file)).isInstanceOf(MakFormatException.class).hasMessageContaining("commit slot");
    }

    @Test
    void uncommittedBytesAreIgnoredAndResumeCutsThemOff() throws IOException {
        Path file = write(tmp.resolve("a.mak"), SampleRecords.all().subList(0, 3));
        long committed = Files.size(file);
        // A crash mid-append: half a record past the commit point.
        Files.write(file, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
        try (MakReader reader = MakReader.open(file)) {
            assertThat(readAll(reader)).containsExactlyElementsOf(SampleRecords.all().subList(0, 3));
        }
        try (MakWriter writer = MakWriter.resume(file)) {
            assertThat(writer.committedSize()).isEqualTo(committed);
            assertThat(writer.summary().lastOffset()).isEqualTo(102);
            SampleRecords.all().subList(3, SampleRecords.all().size()).forEach(r -> append(writer, r));
        }
        try (MakReader reader = MakReader.open(file)) {
            assertThat(readAll(reader)).containsExactlyElementsOf(SampleRecords.all());
            assertThat(reader.summary().orElseThrow().recordCount()).isEqualTo(SampleRecords.all().size());
        }
    }

    @Test
    void offsetsMustIncrease() throws IOException {
        try (MakWriter writer = MakWriter.create(tmp.resolve("a.mak"), MakVersion.V2, HEADER)) {
            writer.append(MakRecord.of(100, null, null));
            assertThatThrownBy(() -> writer.append(MakRecord.of(100, null, null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not follow the last offset 100");
        }
    }

    @Test
    void aSecondWriterOnTheSameFileIsRefused() throws IOException {
        Path file = tmp.resolve("a.mak");
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, HEADER)) {
            assertThatThrownBy(() -> MakWriter.resume(file)).hasMessageContaining("another writer");
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        MakWriter writer = MakWriter.create(tmp.resolve("a.mak"), MakVersion.V2, HEADER);
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.append(MakRecord.of(100, null, null))).isInstanceOf(IllegalStateException.class);
    }

    private static Path write(Path file, List<MakRecord> records) throws IOException {
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, HEADER)) {
            for (MakRecord r : records) {
                writer.append(r);
            }
        }
        return file;
    }

    private static void append(MakWriter writer, MakRecord record) {
        try {
            writer.append(record);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long firstRecordPosition(Path file) throws IOException {
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(file));
        int headerLength = head.getInt(MakV2Layout.HEADER_LENGTH_OFFSET);
        return MakV2Layout.HEADER_JSON_OFFSET + headerLength + 4L;
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.flip();
            b.put(0, (byte) (b.get(0) ^ 0x40));
            ch.write(b, position);
        }
    }

}
