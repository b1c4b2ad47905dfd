package io.kafkaarchiver.parquet;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.ParquetObjects;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakFormatException;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.mak.RecordHeader;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.mak.SampleRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Parquet object keeps every record as MAK v2 does, read back by the archive's readers: null distinct from empty,
 * headers in order, every timestamp type; many records span row groups; damage is a {@link MakFormatException}.
 * No Hadoop class is on this test's classpath: the writer and the reader run without one.
 */
class ParquetObjectTest {

    private static final MakFileHeader HEADER = new MakFileHeader("orders", 2, 100, Instant.parse("2026-11-23T10:15:30.123456Z"));

    @TempDir
    Path tmp;

    @Test
    void everyFieldSurvivesARoundTrip() throws IOException {
        Path mak = mak(tmp.resolve("a.mak"), SampleRecords.all());
        Path object = tmp.resolve("a.parquet");
        ArchiveFacts facts = ParquetObjects.convert(mak, object, ParquetOptions.DEFAULTS, Optional.of("kJ2x9Q3aRZm1sQnQ0c9f1w"));

        MakSummary expected = SampleRecords.all().stream().reduce(MakSummary.EMPTY, MakSummary::plus, (a, b) -> b);
        assertThat(facts).isEqualTo(new ArchiveFacts(MakVersion.V2, HEADER, expected, SampleRecords.all().get(0).timestamp()));
        try (RecordSource reader = ArchiveObjects.open(object)) {
            assertThat(reader).isInstanceOf(ParquetRecordReader.class);
            assertThat(reader.version()).isEqualTo(MakVersion.V2);
            assertThat(reader.header()).isEqualTo(HEADER);
            List<MakRecord> read = readAll(reader);
            assertThat(read).containsExactlyElementsOf(SampleRecords.all());
            // Null and empty stay apart; headers keep their order, repeated keys and null values.
            assertThat(read.get(0).key()).isNull();
            assertThat(read.get(1).key()).isEmpty();
            assertThat(read.get(1).value()).isEmpty();
            assertThat(read.get(2).value()).isNull();
            assertThat(read.get(3).headers()).containsExactly(new RecordHeader("only", null));
            assertThat(read.get(4).headers()).extracting(RecordHeader::key).containsExactly("trace", "trace", "empty", "nil", "ünï", "trace");
        }
    }

    @Test
    void theFooterCarriesTheObjectsFigures() throws IOException {
        Path object = tmp.resolve("a.parquet");
        ParquetObjects.convert(mak(tmp.resolve("a.mak"), SampleRecords.all()), object, ParquetOptions.DEFAULTS, Optional.of("kJ2x9Q3aRZm1sQnQ0c9f1w"));
        try (ParquetRecordReader reader = ParquetRecordReader.open(object)) {
            assertThat(reader.footer())
                    .containsEntry(ObjectMetadata.TOPIC, "orders")
                    .containsEntry(ObjectMetadata.PARTITION, "2")
                    .containsEntry(ObjectMetadata.START_OFFSET, "100")
                    .containsEntry(ObjectMetadata.END_OFFSET, "109")
                    .containsEntry(ObjectMetadata.RECORD_COUNT, "9")
                    .containsEntry(ObjectMetadata.MIN_TIMESTAMP, "0")
                    .containsEntry(ObjectMetadata.MAX_TIMESTAMP, "1700000000500")
                    .containsEntry(ObjectMetadata.FORMAT, "parquet")
                    .containsEntry(ObjectMetadata.COMPRESSION, "zstd")
                    .containsEntry(ObjectMetadata.TOPIC_ID, "kJ2x9Q3aRZm1sQnQ0c9f1w")
                    .containsEntry(RecordSchema.FILE_START_OFFSET, "100")
                    .containsEntry(RecordSchema.FILE_START_TIME, "2026-11-23T10:15:30.123456Z")
                    .doesNotContainKey(ObjectMetadata.SHA256);
            assertThat(reader.compression()).isEqualTo("zstd");
        }
    }

    @ParameterizedTest
    @EnumSource(ParquetOptions.Codec.class)
    void everyPageCompressionReadsBack(ParquetOptions.Codec codec) throws IOException {
        Path object = tmp.resolve("a.parquet");
        ParquetObjects.convert(mak(tmp.resolve("a.mak"), SampleRecords.all()), object, new ParquetOptions(codec, 1 << 20), Optional.empty());
        try (ParquetRecordReader reader = ParquetRecordReader.open(object)) {
            assertThat(reader.compression()).isEqualTo(codec.settingName());
            assertThat(reader.footer()).containsEntry(ObjectMetadata.COMPRESSION, codec.settingName()).doesNotContainKey(ObjectMetadata.TOPIC_ID);
            assertThat(readAll(reader)).containsExactlyElementsOf(SampleRecords.all());
        }
    }

    @Test
    void manyRecordsSpanSeveralRowGroupsInOffsetOrder() throws IOException {
        List<MakRecord> records = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] value = new byte[50 + random.nextInt(200)];
            random.nextBytes(value);
            records.add(new MakRecord(100 + i, 1_700_000_000_000L + i, MakTimestampType.CREATE_TIME, i % 5 == 0 ? null : bytes("key-" + i),
                    value, i % 3 == 0 ? List.of(new RecordHeader("n", bytes(Integer.toString(i)))) : List.of()));
        }
        Path object = tmp.resolve("a.parquet");
        ParquetObjects.convert(mak(tmp.resolve("a.mak"), records), object, new ParquetOptions(ParquetOptions.Codec.ZSTD, 256 << 10),
                Optional.empty());
        try (ParquetRecordReader reader = ParquetRecordReader.open(object)) {
            assertThat(reader.rowGroups()).as("row groups of about 256 KB, of some 4 MB of records").isGreaterThan(5);
            assertThat(readAll(reader)).containsExactlyElementsOf(records);
        }
    }

    @Test
    void aStreamIsReadFromATemporaryCopyThatIsRemovedAfter() throws IOException {
        Path object = tmp.resolve("a.parquet");
        ParquetObjects.convert(mak(tmp.resolve("a.mak"), SampleRecords.all()), object, ParquetOptions.DEFAULTS, Optional.empty());
        List<Path> before = temporaryCopies();
        try (InputStream in = Files.newInputStream(object);
             RecordSource reader = ArchiveObjects.open(in, "orders/2/00000000000000000100.parquet")) {
            assertThat(temporaryCopies()).hasSize(before.size() + 1);
            assertThat(readAll(reader)).containsExactlyElementsOf(SampleRecords.all());
        }
        assertThat(temporaryCopies()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aMakStreamIsStillReadAsMak() throws IOException {
        Path mak = mak(tmp.resolve("a.mak"), SampleRecords.all());
        try (InputStream in = Files.newInputStream(mak); RecordSource reader = ArchiveObjects.open(in, "a.mak")) {
            assertThat(reader).isInstanceOf(MakReader.class);
            assertThat(readAll(reader)).containsExactlyElementsOf(SampleRecords.all());
        }
    }

    @Test
    void theMakReaderRefusesAParquetObjectSayingWhatItIs() throws IOException {
        Path object = tmp.resolve("a.parquet");
        ParquetObjects.convert(mak(tmp.resolve("a.mak"), SampleRecords.all()), object, ParquetOptions.DEFAULTS, Optional.empty());
        assertThatThrownBy(() -> MakReader.open(object)).isInstanceOf(MakFormatException.class).hasMessageContaining("a Parquet object");
    }

    @Test
    void damageIsAFormatErrorAndTheCopyIsRemoved() throws IOException {
        List<MakRecord> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            records.add(new MakRecord(100 + i, 1_700_000_000_000L + i, MakTimestampType.CREATE_TIME, bytes("k" + i), bytes("value " + i), List.of()));
        }
        Path object = tmp.resolve("a.parquet");
        ParquetObjects.convert(mak(tmp.resolve("a.mak"), records), object, ParquetOptions.DEFAULTS, Optional.empty());
        byte[] whole = Files.readAllBytes(object);

        // A page's bytes changed: its CRC no longer matches.
        byte[] flipped = whole.clone();
        flipped[200] ^= 0x5a;
        Path damaged = Files.write(tmp.resolve("flipped.parquet"), flipped);
        assertThatThrownBy(() -> {
            try (RecordSource reader = ArchiveObjects.open(damaged)) {
                readAll(reader);
            }
        }).isInstanceOf(MakFormatException.class).hasMessageContaining("unreadable Parquet");

        // Cut short: the footer is gone.
        Path cut = Files.write(tmp.resolve("cut.parquet"), java.util.Arrays.copyOf(whole, whole.length / 2));
        List<Path> before = temporaryCopies();
        assertThatThrownBy(() -> {
            try (InputStream in = Files.newInputStream(cut); RecordSource reader = ArchiveObjects.open(in, "cut.parquet")) {
                readAll(reader);
            }
        }).isInstanceOf(MakFormatException.class).hasMessageStartingWith("cut.parquet: ");
        assertThat(temporaryCopies()).containsExactlyInAnyOrderElementsOf(before);
    }

    static List<MakRecord> readAll(RecordSource reader) throws IOException {
        List<MakRecord> records = new ArrayList<>();
        for (MakRecord r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    private static Path mak(Path file, List<MakRecord> records) throws IOException {
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, HEADER)) {
            for (MakRecord r : records) {
                writer.append(r);
            }
            writer.commit();
        }
        return file;
    }

    private static List<Path> temporaryCopies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("kafka-archiver-") && p.getFileName().toString().endsWith(".parquet"))
                    .toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
