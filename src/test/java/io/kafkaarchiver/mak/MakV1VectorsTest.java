package io.kafkaarchiver.mak;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kafkatos3 reference files: every one reads exactly, and our writer reproduces them byte for byte. */
class MakV1VectorsTest {

    @TempDir
    Path tmp;

    static Stream<String> readable() throws IOException {
        return MakVector.readable();
    }

    static Stream<String> damaged() throws IOException {
        return MakVector.damaged().stream();
    }

    @ParameterizedTest
    @MethodSource("readable")
    void readsEveryVectorExactly(String name) throws IOException {
        MakVector vector = MakVector.named(name);
        try (MakReader reader = MakReader.open(vector.mak())) {
            assertHeader(reader, vector.expected());
            assertRecords(readAll(reader), vector.expected().get("records"));
        }
    }

    @ParameterizedTest
    @MethodSource("readable")
    void readsEveryVectorGzippedAndZstdCompressed(String name) throws IOException {
        MakVector vector = MakVector.named(name);
        for (Compression compression : List.of(Compression.GZIP, Compression.ZSTD)) {
            Path compressed = tmp.resolve(name + ".mak" + compression.suffix());
            try (OutputStream out = compression.compress(Files.newOutputStream(compressed))) {
                Files.copy(vector.mak(), out);
            }
            try (MakReader reader = MakReader.open(compressed)) {
                assertHeader(reader, vector.expected());
                assertRecords(readAll(reader), vector.expected().get("records"));
            }
        }
    }

    /** Reads each vector and writes its records again: the bytes must be the reference writer's own. */
    @ParameterizedTest
    @MethodSource("readable")
    void writerReproducesTheReferenceBytes(String name) throws IOException {
        MakVector vector = MakVector.named(name);
        Path ours = tmp.resolve(name + ".mak");
        try (MakReader reader = MakReader.open(vector.mak());
             MakWriter writer = MakWriter.create(ours, MakVersion.V1, reader.header())) {
            for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                writer.append(r);
            }
        }
        byte[] reference = Files.readAllBytes(vector.mak());
        long committed = committedLength(reference);
        assertThat(Files.readAllBytes(ours)).isEqualTo(java.util.Arrays.copyOf(reference, (int) committed));
    }

    @Test
    void headerJsonIsPythonsJsonDumps() {
        MakFileHeader header = new MakFileHeader("ünicöde \"q\"", 7, 12, Instant.ofEpochSecond(1479132000, 250_000_000));
        assertThat(new String(HeaderJson.encode(header), StandardCharsets.US_ASCII))
                .isEqualTo("{\"topic\": \"\\u00fcnic\\u00f6de \\\"q\\\"\", \"partition\": 7, \"startoffset\": 12, \"starttime\": 1479132000.25}");
    }

    @Test
    void readerIgnoresBytesPastTheEndPosition() throws IOException {
        MakVector torn = MakVector.named("torn-tail");
        assertThat(Files.size(torn.mak())).isGreaterThan(committedLength(Files.readAllBytes(torn.mak())));
        try (MakReader reader = MakReader.open(torn.mak())) {
            assertRecords(readAll(reader), torn.expected().get("records"));
        }
    }

    @Test
    void resumingATornFileTruncatesTheTailAndAppendsAfterTheLastRecord() throws IOException {
        Path file = tmp.resolve("torn.mak");
        Files.copy(MakVector.named("torn-tail").mak(), file);
        try (MakWriter writer = MakWriter.resume(file)) {
            assertThat(writer.summary().recordCount()).isEqualTo(1);
            assertThat(writer.summary().lastOffset()).isEqualTo(41);
            writer.append(MakRecord.of(42, "k2".getBytes(StandardCharsets.UTF_8), "v2".getBytes(StandardCharsets.UTF_8)));
        }
        try (MakReader reader = MakReader.open(file)) {
            List<MakRecord> records = readAll(reader);
            assertThat(records).extracting(MakRecord::offset).containsExactly(41L, 42L);
            assertThat(records.get(1).key()).asString(StandardCharsets.UTF_8).isEqualTo("k2");
        }
        // Exactly what an uninterrupted writer would have produced: no torn bytes survive.
        Path clean = tmp.resolve("clean.mak");
        try (MakReader reader = MakReader.open(MakVector.named("single").mak());
             MakWriter writer = MakWriter.create(clean, MakVersion.V1, reader.header())) {
            writer.append(reader.next());
            writer.append(MakRecord.of(42, "k2".getBytes(StandardCharsets.UTF_8), "v2".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(clean));
    }

    @Test
    void resumedVectorReadsAsOneFile() throws IOException {
        Path file = tmp.resolve("resumed.mak");
        Files.copy(MakVector.named("resumed").mak(), file);
        long records = MakVector.named("resumed").expected().get("records").size();
        try (MakWriter writer = MakWriter.resume(file)) {
            assertThat(writer.summary().recordCount()).isEqualTo(records);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(MakVector.named("resumed").mak()));
    }

    @ParameterizedTest
    @MethodSource("damaged")
    void damagedFilesAreRefusedWithTheFileThePositionAndWhatWasExpected(String fileName) {
        Path file = MakVector.DIR.resolve(fileName);
        assertThatThrownBy(() -> {
            try (MakReader reader = MakReader.open(file)) {
                readAll(reader);
            }
        }).isInstanceOf(MakFormatException.class)
                .hasMessageStartingWith(file + ": at byte ")
                .hasMessageContaining("expected ");
    }

    @Test
    void eachDamageIsDescribed() {
        assertThatThrownBy(() -> MakReader.open(MakVector.DIR.resolve("bad-magic.mak")))
                .hasMessageContaining("at byte 0").hasMessageContaining("\"MAK\"").hasMessageContaining("58 41 4b");
        assertThatThrownBy(() -> MakReader.open(MakVector.DIR.resolve("bad-endpointer.mak")))
                .hasMessageContaining("at byte 11").hasMessageContaining("142 (the file size)").hasMessageContaining("found 99999");
        assertThatThrownBy(() -> MakReader.open(MakVector.DIR.resolve("bad-truncated-header.mak")))
                .hasMessageContaining("at byte 27").hasMessageContaining("header JSON").hasMessageContaining("81");
    }

    @Test
    void aTruncatedCompressedFileIsAnErrorNotAShortResult() throws IOException {
        byte[] plain = Files.readAllBytes(MakVector.named("many").mak());
        Path gz = tmp.resolve("many.mak.gz");
        try (OutputStream out = Compression.GZIP.compress(Files.newOutputStream(gz))) {
            out.write(plain);
        }
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> {
            try (MakReader reader = MakReader.open(gz)) {
                readAll(reader);
            }
        }).isInstanceOf(MakFormatException.class).hasMessageContaining(gz.toString());
    }

    static List<MakRecord> readAll(MakReader reader) throws IOException {
        List<MakRecord> records = new ArrayList<>();
        for (MakRecord r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    private static void assertHeader(MakReader reader, JsonNode expected) {
        assertThat(reader.version()).isEqualTo(MakVersion.V1);
        MakFileHeader header = reader.header();
        assertThat(header.topic()).isEqualTo(expected.get("topic").asText());
        assertThat(header.partition()).isEqualTo(expected.get("partition").asInt());
        assertThat(header.startOffset()).isEqualTo(expected.get("startoffset").asLong());
        assertThat(new java.math.BigDecimal(HeaderJson.epochSeconds(header.startTime())))
                .isEqualByComparingTo(expected.get("starttime").decimalValue());
    }

    private static void assertRecords(List<MakRecord> actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.size(); i++) {
            MakRecord r = actual.get(i);
            JsonNode e = expected.get(i);
            assertThat(r.offset()).as("offset of record %d", i).isEqualTo(e.get("offset").asLong());
            assertThat(r.key()).as("key of record %d", i).isEqualTo(MakVector.hex(e.get("key_hex").asText()));
            if (e.has("value_hex")) {
                assertThat(r.value()).as("value of record %d", i).isEqualTo(MakVector.hex(e.get("value_hex").asText()));
            } else {
                assertThat(r.value()).as("value of record %d", i).hasSize(e.get("value_len").asInt());
                assertThat(MakVector.sha256(r.value())).isEqualTo(e.get("value_sha256").asText());
            }
            assertThat(r.hasTimestamp()).isFalse();
            assertThat(r.headers()).isEmpty();
        }
    }

    /** The end-position field of a v1 file: where its committed bytes stop. */
    private static long committedLength(byte[] file) {
        return java.nio.ByteBuffer.wrap(file).getLong(MakV1Layout.END_POSITION_OFFSET);
    }
}
