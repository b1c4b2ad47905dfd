package io.kafkaarchiver.cli;

import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.archive.ArchiveContents.HeldRecords;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ls} on an archive the real archiver wrote, in a real S3 server. */
@ExtendWith(ArchiveTestEnvironment.class)
class LsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 200;

    @Test
    void listsEveryObjectWithWhatItHoldsAndFiltersByPartitionAndTime(TestEnv env, @TempDir Path dir) throws Exception {
        String topic = env.topic("orders");
        Path settings = ArchivedTopics.archive(env, dir, RECORDS, topic);
        List<HeldRecords> held = ArchivedTopics.objects(env, topic);
        Map<String, Long> sizes = env.s3Client().listObjectsV2Paginator(b -> b.bucket(env.bucket())).contents().stream()
                .collect(Collectors.toMap(S3Object::key, S3Object::size));
        assertThat(held.stream().filter(o -> o.partition() == 0)).hasSizeGreaterThan(2);

        CliRun text = CliRun.of("ls", "--settings", settings.toString(), "--topic", topic);
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("bucket " + env.bucket() + ", from the manifest: " + held.size() + " objects");
        for (HeldRecords o : held) {
            String[] row = row(lines, o.key());
            assertThat(row[1]).isEqualTo(o.firstOffset() + ".." + o.lastOffset());
            assertThat(row[2]).isEqualTo(Long.toString(o.count()));
            String[] times = row[3].split("\\.\\.");
            assertThat(Instant.parse(times[0])).isEqualTo(Instant.ofEpochMilli(o.minTimestamp()));
            assertThat(Instant.parse(times[1])).isEqualTo(Instant.ofEpochMilli(o.maxTimestamp()));
            assertThat(row[6] + " " + row[7]).isEqualTo("mak2 gzip");
        }
        // Each partition's block ends with its total row.
        List<String[]> totals = lines.stream().filter(l -> l.startsWith("  total ")).map(l -> l.trim().split("\\s+")).toList();
        assertThat(totals).hasSize(ArchiverIT.PARTITIONS);
        for (int p = 0; p < ArchiverIT.PARTITIONS; p++) {
            int partition = p;
            List<HeldRecords> inPartition = held.stream().filter(o -> o.partition() == partition).toList();
            assertThat(lines).contains(topic + "/" + p);
            assertThat(totals.get(p)[1]).isEqualTo(inPartition.get(0).firstOffset() + ".." + inPartition.get(inPartition.size() - 1).lastOffset());
            assertThat(totals.get(p)[2]).isEqualTo(Long.toString(inPartition.stream().mapToLong(HeldRecords::count).sum()));
            assertThat(totals.get(p)[5] + " " + totals.get(p)[6]).isEqualTo(inPartition.size() + " objects");
        }

        // JSON lines carry every figure, as the archiver wrote the objects.
        Map<String, JsonNode> json = jsonLines(CliRun.of("ls", "--settings", settings.toString(), "--topic", topic, "--json"));
        assertThat(json.keySet()).containsExactlyInAnyOrderElementsOf(held.stream().map(HeldRecords::key).toList());
        for (HeldRecords o : held) {
            JsonNode n = json.get(o.key());
            assertThat(n.get("topic").asText()).isEqualTo(topic);
            assertThat(n.get("partition").asInt()).isEqualTo(o.partition());
            assertThat(n.get("start_offset").asLong()).isEqualTo(o.firstOffset());
            assertThat(n.get("end_offset").asLong()).isEqualTo(o.lastOffset());
            assertThat(n.get("record_count").asLong()).isEqualTo(o.count());
            assertThat(n.get("min_timestamp").asLong()).isEqualTo(o.minTimestamp());
            assertThat(n.get("max_timestamp").asLong()).isEqualTo(o.maxTimestamp());
            assertThat(n.get("format").asText()).isEqualTo("mak2");
            assertThat(n.get("compression").asText()).isEqualTo("gzip");
            assertThat(n.get("size").asLong()).isEqualTo(sizes.get(o.key()));
        }

        Map<String, JsonNode> partition1 = jsonLines(CliRun.of("ls", "--settings", settings.toString(), "--topic", topic, "--json", "--partition", "1"));
        assertThat(partition1.keySet()).containsExactlyInAnyOrderElementsOf(held.stream().filter(o -> o.partition() == 1).map(HeldRecords::key).toList());

        // A time window: the records of one object; objects of other partitions written at the same time overlap it too.
        HeldRecords middle = ArchivedTopics.objects(env, topic, 0).get(1);
        long from = middle.minTimestamp();
        long to = middle.maxTimestamp() + 1;
        Set<String> inWindow = held.stream().filter(o -> o.maxTimestamp() >= from && o.minTimestamp() < to).map(HeldRecords::key)
                .collect(Collectors.toSet());
        Map<String, JsonNode> windowed = jsonLines(CliRun.of("ls", "--settings", settings.toString(), "--topic", topic, "--json",
                "--from", Instant.ofEpochMilli(from).toString(), "--to", Long.toString(to)));
        assertThat(windowed.keySet()).containsExactlyInAnyOrderElementsOf(inWindow).contains(middle.key()).hasSizeLessThan(held.size());

        // --listing reads the objects' metadata instead of the manifest, and finds the same.
        CliRun listed = CliRun.of("ls", "--settings", settings.toString(), "--topic", topic, "--listing");
        assertThat(listed.out()).startsWith("bucket " + env.bucket() + ", from the listing: " + held.size() + " objects");
    }

    @Test
    void saysWhatItCannotReadOrPlaceInTimeAndFallsBackToTheListing(TestEnv env, @TempDir Path dir) throws Exception {
        String topic = env.topic("orders");
        Path settings = ArchivedTopics.archive(env, dir, RECORDS, topic);
        List<String> keys = ArchivedTopics.objects(env, topic).stream().map(HeldRecords::key).toList();
        Manifest manifest = env.manifest();

        // An object from an archiver writing MAK v1, whose records carry no timestamps. ls reads its metadata only.
        ArchivedObject v1 = new ArchivedObject(topic + "/3/v1.mak", topic, 3, 1000, 1009, 10, -1, -1, "mak1", "none", 4, Optional.empty(), Optional.empty());
        env.s3Client().putObject(b -> b.bucket(env.bucket()).key(v1.key()), RequestBody.fromString("MAK!"));
        manifest.record(v1);
        String damagedEntry = "_manifest/" + topic + "/0/damaged.json";
        env.s3Client().putObject(b -> b.bucket(env.bucket()).key(damagedEntry), RequestBody.fromString("{\"manifest_version\": 1, \"key\""));

        CliRun all = CliRun.of("ls", "--settings", settings.toString(), "--topic", topic);
        assertThat(all.exitCode()).isEqualTo(Console.EXIT_FAILURE);
        assertThat(all.stderr().lines()).singleElement().asString().startsWith("ls: " + damagedEntry + ": ");
        assertThat(all.out().lines().filter(l -> l.contains(v1.key()))).singleElement().asString().contains(" (no timestamps) ");
        assertThat(all.out()).contains(keys);

        CliRun timed = CliRun.of("ls", "--settings", settings.toString(), "--topic", topic, "--from", "2000-01-01");
        assertThat(timed.stderr()).contains("ls: 1 object has no timestamps (MAK v1) and cannot be placed in time: left out of this listing");
        assertThat(timed.out()).contains(keys).doesNotContain(v1.key());

        // Without manifest entries, the bucket is listed and each object's metadata read.
        env.s3Client().listObjectsV2Paginator(b -> b.bucket(env.bucket()).prefix("_manifest/")).contents()
                .forEach(o -> env.s3Client().deleteObject(b -> b.bucket(env.bucket()).key(o.key())));
        CliRun fallback = CliRun.of("ls", "--settings", settings.toString(), "--topic", topic);
        assertThat(fallback.exitCode()).as(fallback.stderr()).isZero();
        assertThat(fallback.out()).startsWith("bucket " + env.bucket() + ", from the listing (no manifest entries): " + keys.size() + " objects");
        assertThat(fallback.out()).contains(keys);

        CliRun nothing = CliRun.of("ls", "--settings", settings.toString(), "--topic", env.topic("never-archived"));
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).endsWith(": no objects\n");

        CliRun noBucket = CliRun.of("ls", "--settings", settings.toString(), "--bucket", "no-such-bucket");
        assertThat(noBucket.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(noBucket.stderr()).isEqualTo("ls: bad setting s3.bucket: no bucket no-such-bucket at " + env.s3().endpoint() + "\n");
    }

    /** The row of a text table whose first cell is {@code first}, split into its cells (a size such as "1.2 KB" is two). */
    static String[] row(List<String> lines, String first) {
        return lines.stream().map(l -> l.trim().split("\\s+")).filter(cells -> cells[0].equals(first))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + first + " in\n" + String.join("\n", lines)));
    }

    static Map<String, JsonNode> jsonLines(CliRun run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect(Collectors.toMap(n -> n.get("key").asText(), Function.identity()));
    }
}
