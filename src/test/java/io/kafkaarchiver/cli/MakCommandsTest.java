package io.kafkaarchiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaarchiver.archive.ParquetObjects;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.mak.RecordHeader;
import io.kafkaarchiver.parquet.ParquetOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code mak} commands as a user runs them: what they print and how they exit. */
class MakCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("mak");
        CliRun mak = CliRun.of("mak", "--help");
        assertThat(mak.out()).contains("cat", "verify", "convert");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "null-key", "unicode", "binary", "gap"})
    void catPrintsWhatKafkatos3ParsePrints(String name) throws IOException {
        JsonNode expected = JSON.readTree(vector(name + ".json").toFile());
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(("File topic is " + expected.get("topic").asText() + "\n"
                + "File partition is " + expected.get("partition").asInt() + "\n"
                + "Staring offset is " + expected.get("startoffset").asLong() + "\n"
                + "File created at " + pythonFloat(expected.get("starttime").decimalValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        for (JsonNode r : expected.get("records")) {
            want.writeBytes(("Processing message with offset: " + r.get("offset").asLong() + ", key: ").getBytes(StandardCharsets.UTF_8));
            want.writeBytes(HexFormat.of().parseHex(r.get("key_hex").asText()));
            want.writeBytes(", value: ".getBytes(StandardCharsets.UTF_8));
            want.writeBytes(HexFormat.of().parseHex(r.get("value_hex").asText()));
            want.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        }
        CliRun run = CliRun.of("mak", "cat", vector(name + ".mak").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo(want.toByteArray());
    }

    @Test
    void catJsonOfAV1FileHasOffsetKeyAndValueAsBase64() throws IOException {
        CliRun run = CliRun.of("mak", "cat", "--json", vector("null-key.mak").toString());
        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = jsonLines(run);
        JsonNode expected = JSON.readTree(vector("null-key.json").toFile()).get("records");
        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertThat(line.get("topic").asText()).isEqualTo("events");
            assertThat(line.get("offset").asLong()).isEqualTo(expected.get(i).get("offset").asLong());
            assertThat(Base64.getDecoder().decode(line.get("key").asText())).isEqualTo(HexFormat.of().parseHex(expected.get(i).get("key_hex").asText()));
            assertThat(Base64.getDecoder().decode(line.get("value").asText())).isEqualTo(HexFormat.of().parseHex(expected.get(i).get("value_hex").asText()));
            assertThat(line.has("timestamp")).as("v1 has no timestamps to print").isFalse();
            assertThat(line.has("headers")).isFalse();
        }
    }

    @Test
    void catJsonOfAV2FileHasTimestampsHeadersAndNulls() throws IOException {
        Path file = v2File();
        List<JsonNode> lines = jsonLines(CliRun.of("mak", "cat", "--json", file.toString()));
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("key").isNull()).isTrue();
        assertThat(first.get("value").asText()).isEmpty();
        assertThat(first.get("timestamp").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(first.get("timestampType").asText()).isEqualTo("CreateTime");
        assertThat(first.get("headers").get(0).get("key").asText()).isEqualTo("h");
        assertThat(first.get("headers").get(0).get("value").isNull()).isTrue();
        assertThat(first.get("headers").get(1).get("value").asText()).isEqualTo(Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8)));
        JsonNode second = lines.get(1);
        assertThat(second.get("value").isNull()).isTrue();
        assertThat(second.get("timestamp").isNull()).isTrue();
    }

    @Test
    void catAndVerifyReadTheArchivesParquetObjectsAsTheyReadMak() throws IOException {
        Path mak = v2File();
        Path parquet = tmp.resolve("v2.parquet");
        ParquetObjects.convert(mak, parquet, ParquetOptions.DEFAULTS, java.util.Optional.empty());
        for (String[] options : List.of(new String[] {}, new String[] {"--json"})) {
            List<String> onMak = new ArrayList<>(List.of("mak", "cat"));
            onMak.addAll(List.of(options));
            List<String> onParquet = new ArrayList<>(onMak);
            onMak.add(mak.toString());
            onParquet.add(parquet.toString());
            CliRun fromParquet = CliRun.of(onParquet.toArray(String[]::new));
            assertThat(fromParquet.exitCode()).as(fromParquet.stderr()).isZero();
            assertThat(fromParquet.out()).isEqualTo(CliRun.of(onMak.toArray(String[]::new)).out());
        }
        CliRun verify = CliRun.of("mak", "verify", parquet.toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).startsWith("OK       " + parquet + ": parquet, 2 records, offsets 5..6, page checksums match");

        byte[] bytes = Files.readAllBytes(parquet);
        Files.write(parquet, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        CliRun cut = CliRun.of("mak", "verify", parquet.toString());
        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(cut.out()).startsWith("DAMAGED  " + parquet + ": unreadable Parquet").doesNotContain("Exception");
    }

    @Test
    void catOfADamagedFileSaysSoAndExitsNonZero() throws IOException {
        CliRun run = CliRun.of("mak", "cat", vector("single.mak").toString(), vector("bad-endpointer.mak").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Processing message with offset: 41");
        assertThat(run.stderr()).contains(vector("bad-endpointer.mak").toString(), "at byte 11").doesNotContain("Exception", "\tat ");
    }

    @Test
    void catOfAFileDamagedMidwaySaysTheOutputIsIncomplete() throws IOException {
        // Compressed, so the damage only shows once half the records have streamed out.
        Path file = tmp.resolve("cut.mak.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.io.OutputStream out = io.kafkaarchiver.mak.Compression.GZIP.compress(gz)) {
            Files.copy(vector("many.mak"), out);
        }
        Files.write(file, java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        CliRun run = CliRun.of("mak", "cat", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(file.toString(), "output incomplete");
    }

    @Test
    void verifyPrintsOneLinePerFileAndFailsOnDamage() throws IOException {
        Path v2 = v2File();
        CliRun good = CliRun.of("mak", "verify", vector("many.mak").toString(), v2.toString());
        assertThat(good.exitCode()).isZero();
        assertThat(good.out().lines()).hasSize(2).allMatch(l -> l.startsWith("OK"));
        assertThat(good.out()).contains("5000 records, offsets 0..4999", "checksums match");

        CliRun bad = CliRun.of("mak", "verify", vector("many.mak").toString(), vector("bad-magic.mak").toString(),
                tmp.resolve("missing.mak").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out().lines()).hasSize(3);
        assertThat(bad.out()).contains("DAMAGED  " + vector("bad-magic.mak") + ": at byte 0", "missing.mak: no such file");
    }

    @Test
    void verifyCatchesAChecksumFailure() throws IOException {
        Path file = v2File();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x01;
        Files.write(file, bytes);
        CliRun run = CliRun.of("mak", "verify", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("DAMAGED").contains("CRC-32C");
    }

    @Test
    void convertingV1ToV2AndBackGivesTheOriginalBytes() throws IOException {
        Path v2 = tmp.resolve("binary.mak.zst");
        Path back = tmp.resolve("binary.mak");
        CliRun there = CliRun.of("mak", "convert", "--to", "mak2", vector("binary.mak").toString(), v2.toString());
        assertThat(there.exitCode()).isZero();
        assertThat(there.stderr()).isEmpty();
        try (MakReader reader = MakReader.open(v2)) {
            assertThat(reader.version()).isEqualTo(MakVersion.V2);
        }
        CliRun backAgain = CliRun.of("mak", "convert", "--to", "mak1", v2.toString(), back.toString());
        assertThat(backAgain.exitCode()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(vector("binary.mak")));
    }

    @Test
    void convertingToV1SaysWhatIsDropped() throws IOException {
        Path out = tmp.resolve("out.mak.gz");
        CliRun run = CliRun.of("mak", "convert", "--to", "mak1", v2File().toString(), out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("timestamps dropped (1 record)", "headers dropped (1 record)",
                "null keys written as empty keys (1 record)", "null values (tombstones) written as empty values (1 record)");
        try (MakReader reader = MakReader.open(out)) {
            assertThat(reader.version()).isEqualTo(MakVersion.V1);
            assertThat(reader.next().key()).isEmpty();
        }
    }

    @Test
    void convertRefusesABadTargetAndAnExistingOutput() throws IOException {
        CliRun badTarget = CliRun.of("mak", "convert", "--to", "mak3", vector("single.mak").toString(), tmp.resolve("x.mak").toString());
        assertThat(badTarget.exitCode()).isEqualTo(2);
        assertThat(badTarget.stderr()).contains("mak3", "mak1, mak2");
        Path existing = Files.writeString(tmp.resolve("exists.mak"), "keep me");
        CliRun clash = CliRun.of("mak", "convert", "--to", "mak2", vector("single.mak").toString(), existing.toString());
        assertThat(clash.exitCode()).isEqualTo(1);
        assertThat(clash.stderr()).contains("exists already");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @Test
    void convertOfADamagedFileWritesNothing() {
        Path out = tmp.resolve("never.mak");
        CliRun run = CliRun.of("mak", "convert", "--to", "mak2", vector("bad-endpointer.mak").toString(), out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("at byte 11", "nothing written");
        assertThat(out).doesNotExist();
        assertThat(tmp).isEmptyDirectory();
    }

    private Path v2File() throws IOException {
        Path file = tmp.resolve("v2.mak");
        MakFileHeader header = new MakFileHeader("t", 0, 5, Instant.ofEpochSecond(1_700_000_000L));
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, header)) {
            writer.append(new MakRecord(5, 1_700_000_000_000L, MakTimestampType.CREATE_TIME, null, new byte[0],
                    List.of(new RecordHeader("h", null), new RecordHeader("h", "x".getBytes(StandardCharsets.UTF_8)))));
            writer.append(new MakRecord(6, MakRecord.NO_TIMESTAMP, MakTimestampType.NO_TIMESTAMP_TYPE, "k".getBytes(StandardCharsets.UTF_8), null, List.of()));
        }
        return file;
    }

    private static String pythonFloat(java.math.BigDecimal value) {
        String text = value.stripTrailingZeros().toPlainString();
        return text.contains(".") ? text : text + ".0";
    }

    private static List<JsonNode> jsonLines(CliRun run) {
        return run.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    private static Path vector(String name) {
        try {
            return Path.of(MakCommandsTest.class.getResource("/mak-v1/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
