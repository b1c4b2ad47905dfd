package io.kafkaarchiver.parquet;

import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.restore.RestoredTopic;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code archive.format=parquet} end to end, on a real broker and a real S3 server: a topic's records (null and empty
 * keys and values, headers with repeated keys and null values, timestamps over three hours) archived as Parquet objects
 * in the event-time layout ({@code date=}/{@code hour=} folders), downloaded with their keys' folders, and queried with
 * DuckDB using the SQL of {@code docs/query.md} as it stands there, the Hive partitions included; then {@code verify} and {@code restore} read
 * the same archive, and {@code verify} tells an object whose bytes changed (its records whole) by its {@code mak-sha256}.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class ParquetQueryIT {

    private static final Path QUERY_DOC = Path.of("docs", "query.md");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH").withZone(ZoneOffset.UTC);
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);
    private static final int RECORDS = 600;
    private static final int HOURS = 3;
    private static final String KEY_TEMPLATE = "{topic}/date={date}/hour={hour}/{partition}-{start}{ext}";

    @TempDir
    Path dir;

    /** One record as produced, and where Kafka put it. */
    record Sent(int partition, long offset, long timestamp, String key, String value, List<String[]> headers) {

        String json() {
            return value == null || value.isEmpty() ? null : value;
        }
    }

    @Test
    void duckDbReadsTheArchivedTopicAsItWasProducedAndTheArchiversReadersToo(TestEnv env) throws Exception {
        String topic = env.topic("parquet");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        List<Sent> sent = produce(env, topic);

        Properties settings = ArchiverIT.settings(env, dir, "archive.topics", topic, "archive.format", "parquet",
                "archive.rotate.max-records", "40", "archive.rotate.event-time", "hour", "archive.key-template", KEY_TEMPLATE);
        ArchiverIT.archiveInProcess(env, settings, topic, RECORDS);
        ArchiverProcess.writeSettings(dir, settings);

        // Every object is a Parquet one, its metadata the figures every reader of the catalog uses.
        Path archive = dir.resolve("archive");
        List<S3Object> objects = env.s3Client().listObjectsV2Paginator(b -> b.bucket(env.bucket()).prefix(topic + "/")).contents().stream().toList();
        assertThat(objects).hasSizeGreaterThan(ArchiverIT.PARTITIONS);
        for (S3Object o : objects) {
            assertThat(o.key()).matches(Pattern.quote(topic) + "/date=\\d{4}-\\d\\d-\\d\\d/hour=\\d\\d/\\d-\\d{20}\\.parquet");
            assertThat(env.s3Client().headObject(b -> b.bucket(env.bucket()).key(o.key())).metadata())
                    .containsEntry(ObjectMetadata.FORMAT, "parquet").containsEntry(ObjectMetadata.COMPRESSION, "zstd")
                    .containsKeys(ObjectMetadata.SHA256, ObjectMetadata.RECORD_COUNT, ObjectMetadata.TOPIC_ID);
            Path file = archive.resolve(o.key());
            Files.createDirectories(file.getParent());
            env.s3Client().getObject(b -> b.bucket(env.bucket()).key(o.key()), file);
        }

        List<String> queries = documentedQueries(archive);
        assertThat(queries).as("the DuckDB queries of " + QUERY_DOC).hasSize(5);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            recordsPerPartition(sql, queries.get(0), sent);
            everyRecord(sql, queries.get(1), sent);
            headers(sql, queries.get(2), sent);
            jsonValues(sql, queries.get(3), sent);
            recordsPerHour(sql, queries.get(4), sent);
        }

        CliRun verify = CliRun.of("verify", "--settings", dir.resolve("application.properties").toString(), "--topic", topic);
        assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();

        String target = env.topic("parquet-restored");
        CliRun restore = CliRun.of("restore", "--settings", dir.resolve("application.properties").toString(), "--topic", topic,
                "--target-topic", target, "--offset-map", dir.resolve("offsets.csv").toString());
        assertThat(restore.exitCode()).as(restore.out() + restore.stderr()).isZero();
        RestoredTopic restored = RestoredTopic.read(env, target);
        assertRestored(restored, sent);

        String reencoded = objects.get(0).key();
        reencode(env, reencoded, archive.resolve(reencoded), dir.resolve("reencoded.parquet"));
        CliRun damaged = CliRun.of("verify", "--settings", dir.resolve("application.properties").toString(), "--topic", topic);
        assertThat(damaged.exitCode()).as(damaged.out()).isEqualTo(1);
        assertThat(damaged.out()).contains("damaged object " + reencoded + ": ", "SHA-256");
    }

    private static void assertRestored(RestoredTopic restored, List<Sent> sent) {
        for (int p = 0; p < ArchiverIT.PARTITIONS; p++) {
            int partition = p;
            List<Sent> expected = sent.stream().filter(s -> s.partition() == partition).sorted(Comparator.comparingLong(Sent::offset)).toList();
            List<ConsumerRecord<byte[], byte[]>> got = restored.partitions().get(partition);
            assertThat(got).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                Sent s = expected.get(i);
                ConsumerRecord<byte[], byte[]> r = got.get(i);
                assertThat(text(r.key())).as("key of %s", s).isEqualTo(s.key());
                assertThat(text(r.value())).as("value of %s", s).isEqualTo(s.value());
                assertThat(r.timestamp()).isEqualTo(s.timestamp());
                assertThat(Arrays.stream(r.headers().toArray()).map(h -> h.key() + "=" + text(h.value())).toList())
                        .isEqualTo(s.headers().stream().map(h -> h[0] + "=" + h[1]).toList());
            }
        }
    }

    /** Re-encodes an object (gzip pages), its records whole, and puts it back with its metadata: only its checksum can tell. */
    private static void reencode(TestEnv env, String key, Path local, Path copy) throws Exception {
        try (ParquetRecordReader reader = ParquetRecordReader.open(local);
             ParquetObjectWriter writer = ParquetObjectWriter.create(copy, new ParquetOptions(ParquetOptions.Codec.GZIP, 1 << 20),
                     reader.header())) {
            for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                writer.write(r);
            }
            writer.finish(reader.footer());
        }
        Map<String, String> metadata = env.s3Client().headObject(b -> b.bucket(env.bucket()).key(key)).metadata();
        env.s3Client().putObject(b -> b.bucket(env.bucket()).key(key).metadata(metadata), RequestBody.fromFile(copy));
    }

    private static void recordsPerPartition(Statement sql, String query, List<Sent> sent) throws Exception {
        Map<Integer, List<Sent>> byPartition = sent.stream().collect(Collectors.groupingBy(Sent::partition, TreeMap::new, Collectors.toList()));
        List<String> expected = byPartition.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size()
                + " " + e.getValue().stream().mapToLong(Sent::offset).min().orElseThrow() + " " + e.getValue().stream().mapToLong(Sent::offset).max().orElseThrow()
                + " " + e.getValue().stream().mapToLong(Sent::timestamp).min().orElseThrow() + " " + e.getValue().stream().mapToLong(Sent::timestamp).max().orElseThrow())
                .toList();
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getInt("partition") + " " + rs.getLong("records") + " " + rs.getLong("first_offset") + " " + rs.getLong("last_offset")
                        + " " + millis(rs, "first_time") + " " + millis(rs, "last_time"));
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    /** The Hive partitions of the keys, {@code date} and {@code hour}, count the records each UTC hour of their timestamps had. */
    private static void recordsPerHour(Statement sql, String query, List<Sent> sent) throws Exception {
        Map<String, Long> expected = sent.stream().collect(Collectors.groupingBy(
                s -> HOUR.format(Instant.ofEpochMilli(s.timestamp())), TreeMap::new, Collectors.counting()));
        assertThat(expected).as("hours produced").hasSize(HOURS);
        Map<String, Long> rows = new TreeMap<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.put(rs.getString("date") + " " + String.format("%02d", rs.getInt("hour")), rs.getLong("records"));
            }
        }
        assertThat(rows).isEqualTo(expected);
    }

    private static void everyRecord(Statement sql, String query, List<Sent> sent) throws Exception {
        List<String> expected = sorted(sent).stream().map(s -> s.partition() + " " + s.offset() + " " + s.timestamp() + " CreateTime "
                + quoted(s.key()) + " " + quoted(s.value()) + " " + s.headers().size()).toList();
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getInt("partition") + " " + rs.getLong("offset") + " " + millis(rs, "timestamp") + " " + rs.getString("timestamp_type")
                        + " " + quoted(rs.getString("key")) + " " + quoted(rs.getString("value")) + " " + rs.getInt("headers"));
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(expected).as("nulls and empties among them")
                .anyMatch(r -> r.contains(" null ")).anyMatch(r -> r.contains(" '' "));
    }

    private static void headers(Statement sql, String query, List<Sent> sent) throws Exception {
        List<String> expected = new ArrayList<>();
        for (Sent s : sorted(sent)) {
            for (int i = 0; i < s.headers().size(); i++) {
                expected.add(s.partition() + " " + s.offset() + " " + (i + 1) + " " + s.headers().get(i)[0] + " " + quoted(s.headers().get(i)[1]));
            }
        }
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getInt("partition") + " " + rs.getLong("offset") + " " + rs.getLong("position") + " " + rs.getString("header") + " "
                        + quoted(rs.getString("header_value")));
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    private static void jsonValues(Statement sql, String query, List<Sent> sent) throws Exception {
        Map<String, Long> expected = sent.stream().map(Sent::json).filter(Objects::nonNull)
                .map(v -> v.replaceAll(".*\"customer\":\"([^\"]+)\".*", "$1")).collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        Map<String, Long> rows = new TreeMap<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.put(rs.getString("customer"), rs.getLong("records"));
            }
        }
        assertThat(rows).isEqualTo(expected);
    }

    /** The SQL blocks of {@code docs/query.md}, in their order, reading the objects downloaded to {@code archive}. */
    private static List<String> documentedQueries(Path archive) throws Exception {
        Matcher m = SQL_BLOCK.matcher(Files.readString(QUERY_DOC));
        List<String> queries = new ArrayList<>();
        while (m.find()) {
            String query = m.group(1).strip();
            assertThat(query).contains("'archive/**/*.parquet'");
            queries.add(query.replace("'archive/**/*.parquet'", "'" + archive + "/**/*.parquet'").replaceAll(";$", ""));
        }
        return queries;
    }

    /**
     * Records over the partitions: keys null every 7th and empty every 9th, values null every 13th (a tombstone) and
     * empty every 11th, otherwise JSON; headers none every 3rd, otherwise two with the same key, one with a null value,
     * and every 5th one with an empty value. Timestamps are explicit, in order, over {@link #HOURS} UTC hours.
     */
    private static List<Sent> produce(TestEnv env, String topic) throws Exception {
        long firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(HOURS + 1, ChronoUnit.HOURS).toEpochMilli();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<List<String[]>> headersOf = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String key = i % 7 == 0 ? null : i % 9 == 0 ? "" : "key-" + i;
            String value = i % 13 == 0 ? null : i % 11 == 0 ? "" : "{\"id\":" + i + ",\"customer\":\"c-" + (i % 5) + "\"}";
            List<String[]> headers = new ArrayList<>();
            if (i % 3 != 0) {
                headers.add(new String[] {"trace", "a-" + i});
                headers.add(new String[] {"trace", "b-" + i});
                headers.add(new String[] {"nil", null});
                if (i % 5 == 0) {
                    headers.add(new String[] {"empty", ""});
                }
            }
            long timestamp = firstHour + (long) i * HOURS / RECORDS * 3_600_000L + i;
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, i % ArchiverIT.PARTITIONS, timestamp, bytes(key), bytes(value));
            headers.forEach(h -> r.headers().add(h[0], bytes(h[1])));
            records.add(r);
            headersOf.add(headers);
        }
        List<RecordMetadata> placed = env.send(records);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            ProducerRecord<byte[], byte[]> r = records.get(i);
            sent.add(new Sent(placed.get(i).partition(), placed.get(i).offset(), r.timestamp(), text(r.key()), text(r.value()), headersOf.get(i)));
        }
        return sent;
    }

    private static List<Sent> sorted(List<Sent> sent) {
        return sent.stream().sorted(Comparator.comparingInt(Sent::partition).thenComparingLong(Sent::offset)).toList();
    }

    private static long millis(ResultSet rs, String column) throws Exception {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? -1 : time.toInstant().toEpochMilli();
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
