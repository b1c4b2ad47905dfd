package io.kafkaarchiver.cli;

import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.archive.ArchiveContents.HeldRecords;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code convert} on an archive of gzip MAK objects the real archiver wrote to a real S3 server: a time window converts
 * the objects that hold any of its records, a run without one the rest, a third nothing; DuckDB then reads the Parquet
 * objects, in a Hive layout, as the records the MAK objects hold.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class ConvertIT {

    private static final int RECORDS = 200;
    private static final String TEMPLATE = "{topic}/date={date}/hour={hour}/{partition}-{start}{ext}";

    @Test
    void convertsAWindowThenTheRestThenNothingAndDuckDbReadsWhatTheMakObjectsHold(TestEnv env, @TempDir Path dir) throws Exception {
        String topic = env.topic("convert");
        Path settings = ArchivedTopics.archive(env, dir, RECORDS, topic);
        // Not the default (zstd): convert writes as the settings say.
        Files.writeString(settings, "\narchive.parquet.compression = gzip\n", StandardOpenOption.APPEND);
        List<HeldRecords> held = ArchivedTopics.objects(env, topic);
        List<ArchiveContents.Entry> records = ArchiveContents.read(env).entries().stream().filter(e -> e.topic().equals(topic))
                .sorted(Comparator.comparingInt(ArchiveContents.Entry::partition).thenComparingLong(e -> e.record().offset())).toList();
        assertThat(records).hasSize(RECORDS);

        // Up to the middle record's time: every object with a record before it, converted whole.
        long to = records.stream().mapToLong(e -> e.record().timestamp()).sorted().skip(RECORDS / 2).findFirst().orElseThrow();
        long inWindow = held.stream().filter(o -> o.minTimestamp() < to).count();
        assertThat(inWindow).isBetween(1L, held.size() - 1L);
        CliRun first = convert(settings, topic, "--to", Instant.ofEpochMilli(to).toString());
        assertThat(first.exitCode()).as(first.out() + first.stderr()).isZero();
        assertThat(first.out()).contains(inWindow + " objects converted", " 0 converted already");
        assertThat(first.stderr()).contains("convert: " + inWindow + "/" + inWindow + " objects");

        CliRun rest = convert(settings, topic);
        assertThat(rest.exitCode()).as(rest.out() + rest.stderr()).isZero();
        assertThat(rest.out()).contains((held.size() - inWindow) + " objects converted", " " + inWindow + " converted already");

        CliRun again = convert(settings, topic);
        assertThat(again.exitCode()).as(again.out() + again.stderr()).isZero();
        assertThat(again.out()).contains("0 objects converted (0 records", " " + held.size() + " converted already");

        // One Parquet object per MAK object, with the metadata the archiver gives its own.
        Path local = dir.resolve("downloaded");
        List<S3Object> converted = env.s3Client().listObjectsV2Paginator(b -> b.bucket(env.bucket()).prefix("parquet/")).contents().stream()
                .filter(o -> o.key().startsWith("parquet/" + topic + "/")).toList();
        assertThat(converted).hasSameSizeAs(held);
        for (S3Object o : converted) {
            assertThat(o.key()).matches("parquet/" + Pattern.quote(topic) + "/date=\\d{4}-\\d\\d-\\d\\d/hour=\\d\\d/\\d-\\d{20}\\.parquet");
            Map<String, String> metadata = env.s3Client().headObject(b -> b.bucket(env.bucket()).key(o.key())).metadata();
            assertThat(metadata).containsEntry(ObjectMetadata.FORMAT, "parquet").containsEntry(ObjectMetadata.COMPRESSION, "gzip")
                    .containsEntry(ObjectMetadata.TOPIC, topic).containsKeys(ObjectMetadata.SHA256, ObjectMetadata.RECORD_COUNT);
            Path file = local.resolve(o.key());
            Files.createDirectories(file.getParent());
            env.s3Client().getObject(b -> b.bucket(env.bucket()).key(o.key()), file);
        }

        List<String> expected = records.stream().map(e -> row(e.partition(), e.record())).toList();
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT partition, \"offset\", epoch_ms(timestamp) AS ms, decode(key) AS key, decode(value) AS value, "
                     + "list_transform(headers, h -> h.key || '=' || coalesce(decode(h.value), 'null')) AS headers "
                     + "FROM read_parquet('" + local + "/**/*.parquet', hive_partitioning = true) ORDER BY partition, \"offset\"")) {
            while (rs.next()) {
                rows.add(rs.getInt("partition") + " " + rs.getLong("offset") + " " + rs.getLong("ms") + " " + rs.getString("key") + " "
                        + rs.getString("value") + " " + rs.getString("headers"));
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(expected).as("null keys and empty values among them").anyMatch(r -> r.contains(" null ")).anyMatch(r -> r.contains("  ["));
    }

    private static CliRun convert(Path settings, String topic, String... window) {
        List<String> args = new ArrayList<>(List.of("convert", "--settings", settings.toString(), "--topic", topic, "--prefix", "parquet/",
                "--key-template", TEMPLATE));
        args.addAll(List.of(window));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String row(int partition, MakRecord r) {
        return partition + " " + r.offset() + " " + r.timestamp() + " " + text(r.key()) + " " + text(r.value()) + " "
                + r.headers().stream().map(h -> "'" + h.key() + "=" + text(h.value()) + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }
}
