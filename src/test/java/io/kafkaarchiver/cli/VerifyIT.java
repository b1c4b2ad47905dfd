package io.kafkaarchiver.cli;

import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.archive.ArchiveContents.HeldRecords;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import io.kafkaarchiver.catalog.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} on archives the real archiver wrote to a real S3 server, compared with a real
 * broker: whole, with an object deleted or corrupted, with offsets in two objects, and of a compacted topic. One
 * archiver run archives a topic per case; each test damages its own topic only.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class VerifyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 200;
    private static final int PER_PARTITION = RECORDS / ArchiverIT.PARTITIONS;

    @TempDir
    static Path sharedDir;
    static TestEnv shared;
    static Path sharedSettings;

    @BeforeAll
    static void archive(TestEnv env) throws Exception {
        shared = env;
        sharedSettings = ArchivedTopics.archive(env, sharedDir, RECORDS, env.topic("whole"), env.topic("deleted"),
                env.topic("corrupted"), env.topic("duplicated"));
    }

    @Test
    void aWholeArchiveIsOkAndComparedWithKafka() throws Exception {
        String topic = shared.topic("whole");

        CliRun run = verify("--topic", topic);

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        assertThat(run.out()).startsWith("verify: " + shared.archiveName() + " (from the manifest), compared with Kafka at "
                + shared.kafka().bootstrapServers());
        for (int p = 0; p < ArchiverIT.PARTITIONS; p++) {
            String[] row = row(run, topic, p);
            assertThat(Arrays.copyOfRange(row, 3, 11)).as("records, offsets, Kafka, lag, gaps, overlaps, damaged, status")
                    .containsExactly(Integer.toString(PER_PARTITION), "0.." + (PER_PARTITION - 1), "0.." + PER_PARTITION, "0", "0", "0", "0", "OK");
        }
        assertThat(lastLine(run)).isEqualTo("verify: OK: 4 partitions (4 OK, 0 WARN, 0 FAIL)");

        JsonNode json = JSON.readTree(verify("--topic", topic, "--json").stdout());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("kafka_compared").asBoolean()).isTrue();
        assertThat(json.get("partitions")).hasSize(ArchiverIT.PARTITIONS).allSatisfy(p -> {
            assertThat(p.get("status").asText()).isEqualTo("OK");
            assertThat(p.get("records").asLong()).isEqualTo(PER_PARTITION);
            assertThat(p.get("kafka_log_start").asLong()).isZero();
            assertThat(p.get("kafka_log_end").asLong()).isEqualTo(PER_PARTITION);
            assertThat(p.get("lag").asLong()).isZero();
            assertThat(p.get("gaps")).isEmpty();
        });
    }

    @Test
    void withKafkaUnreachableVerifyNeverSaysOk() throws Exception {
        String nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = "127.0.0.1:" + closed.getLocalPort();
        }

        // At once: each run waits out KafkaLog.TIMEOUT before it gives up on Kafka.
        CompletableFuture<CliRun> inJson = CompletableFuture.supplyAsync(() -> verify("--topic", shared.topic("whole"), "--brokers", nobody, "--json"));
        CliRun run = verify("--topic", shared.topic("whole"), "--brokers", nobody);

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isOne();
        assertThat(run.out().lines().findFirst().orElseThrow())
                .startsWith("verify: " + shared.archiveName() + " (from the manifest), not compared with Kafka: Kafka at " + nobody + " could not be asked: ");
        assertThat(row(run, shared.topic("whole"), 0)[5]).as("Kafka's offsets").isEqualTo("-");
        assertThat(run.out()).contains("verify: FAILED", "not compared with Kafka, which could not be asked (--no-kafka checks the archive alone)")
                .doesNotContain("verify: OK");

        CliRun json = inJson.get(2, TimeUnit.MINUTES);
        assertThat(json.exitCode()).isOne();
        JsonNode document = JSON.readTree(json.stdout());
        assertThat(document.get("ok").asBoolean()).isFalse();
        assertThat(document.get("kafka_compared").asBoolean()).isFalse();
        assertThat(document.get("kafka").asText()).startsWith("not compared with Kafka: Kafka at " + nobody + " could not be asked: ");
    }

    @Test
    void whatKafkaHoldsAndTheArchiveLacksIsReported() throws Exception {
        String unarchived = shared.topic("unarchived");
        shared.kafka().createTopic(unarchived, 1);
        try (KafkaProducer<byte[], byte[]> producer = shared.producer()) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(unarchived, 0, null, new byte[] {1})).get();
            }
        }

        CliRun run = verify("--topic", unarchived);

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        assertThat(Arrays.copyOfRange(row(run, unarchived, 0), 2, 11)).as("objects, records, offsets, Kafka, lag, gaps, overlaps, damaged, status")
                .containsExactly("0", "0", "-", "0..3", "3", "0", "0", "0", "WARN");
        assertThat(run.out()).contains(unarchived + "/0: not archived: Kafka holds records at offsets 0..2 and the archive has none");

        String nowhere = shared.topic("nowhere");
        CliRun none = verify("--topic", nowhere);
        assertThat(none.exitCode()).isEqualTo(Console.EXIT_FAILURE);
        assertThat(none.out()).contains("catalog: topic " + nowhere + ": the archive holds no objects of it, and Kafka has no such topic");
    }

    @Test
    void aDeletedObjectIsAGapWithItsOffsets() throws Exception {
        String topic = shared.topic("deleted");
        HeldRecords middle = ArchivedTopics.objects(shared, topic, 0).get(1);
        shared.store().delete(middle.key());

        CliRun run = verify("--topic", topic);

        assertThat(run.exitCode()).isEqualTo(Console.EXIT_FAILURE);
        assertThat(run.out()).contains(topic + "/0: gap at offsets " + middle.firstOffset() + ".." + middle.lastOffset()
                + " (" + middle.count() + " offsets): Kafka holds records there");
        assertThat(run.out()).contains(topic + "/0: missing object " + middle.key() + ": missing from the archive");
        assertThat(row(run, topic, 0)[10]).isEqualTo("FAIL");
        assertThat(row(run, topic, 1)[10]).isEqualTo("OK");
        assertThat(lastLine(run)).isEqualTo("verify: FAILED: 4 partitions (3 OK, 0 WARN, 1 FAIL)");

        // From the listing, which no longer has the object, the same offsets are a gap.
        CliRun listed = verify("--topic", topic, "--listing", "--json");
        assertThat(listed.exitCode()).isEqualTo(Console.EXIT_FAILURE);
        JsonNode partition0 = JSON.readTree(listed.stdout()).get("partitions").get(0);
        assertThat(partition0.get("gaps")).singleElement().satisfies(gap -> {
            assertThat(gap.get("from").asLong()).isEqualTo(middle.firstOffset());
            assertThat(gap.get("to").asLong()).isEqualTo(middle.lastOffset());
            assertThat(gap.get("evidence").asText()).isEqualTo("kafka_has_records");
        });
        assertThat(partition0.get("damaged")).isEmpty();
    }

    @Test
    void aCorruptedOrTruncatedObjectIsNamed() throws Exception {
        String topic = shared.topic("corrupted");
        String flipped = ArchivedTopics.objects(shared, topic, 0).get(1).key();
        String truncated = ArchivedTopics.objects(shared, topic, 1).get(1).key();
        String recompressed = ArchivedTopics.objects(shared, topic, 3).get(0).key();
        String olderEntry = ArchivedTopics.objects(shared, topic, 3).get(1).key();
        rewrite(flipped, bytes -> {
            bytes[bytes.length / 2] ^= 0x55;
            return bytes;
        });
        rewrite(truncated, bytes -> Arrays.copyOf(bytes, bytes.length / 2));
        // Whole records in other bytes (compressed again, at another level): only the checksum the object was put with
        // tells. The manifest entry carries it; an entry written before entries did sends verify to the object for it.
        rewrite(recompressed, VerifyIT::gzippedFaster);
        rewrite(olderEntry, VerifyIT::gzippedFaster);
        Map<String, String> withoutChecksum = new HashMap<>(shared.store().head(olderEntry).orElseThrow().metadata());
        withoutChecksum.remove(ObjectMetadata.SHA256);
        shared.manifest().record(ArchivedObject.fromMetadata(olderEntry, shared.store().head(olderEntry).orElseThrow().size(), withoutChecksum)
                .orElseThrow());

        CliRun run = verify("--topic", topic);

        assertThat(run.exitCode()).isEqualTo(Console.EXIT_FAILURE);
        assertThat(run.out()).contains(topic + "/0: damaged object " + flipped + ": ", topic + "/1: damaged object " + truncated + ": ");
        assertThat(row(run, topic, 0)[9]).as("damaged").isEqualTo("1");
        assertThat(row(run, topic, 0)[10]).isEqualTo("FAIL");
        assertThat(row(run, topic, 1)[10]).isEqualTo("FAIL");
        assertThat(row(run, topic, 2)[10]).isEqualTo("OK");
        String notItsBytes = "its bytes' SHA-256 is not the mak-sha256 it was put with";
        assertThat(run.out()).contains(topic + "/3: damaged object " + recompressed + ": ", topic + "/3: damaged object " + olderEntry + ": ");
        assertThat(run.out().lines().filter(l -> l.contains(notItsBytes))).hasSize(2);
        assertThat(row(run, topic, 3)[9]).as("damaged").isEqualTo("2");
        JsonNode json = JSON.readTree(verify("--topic", topic, "--json").stdout());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("partitions").get(1).get("damaged")).singleElement()
                .satisfies(d -> assertThat(d.get("key").asText()).isEqualTo(truncated))
                .satisfies(d -> assertThat(d.get("reason").asText()).isNotBlank());
    }

    @Test
    void offsetsInTwoObjectsAreAnOverlapNotAFailure() throws Exception {
        String topic = shared.topic("duplicated");
        List<HeldRecords> objects = ArchivedTopics.objects(shared, topic, 2);
        HeldRecords first = objects.get(0);
        HeldRecords second = objects.get(1);
        // What a rebalance can leave: the partition's new owner archived again from within one object into the next.
        long from = first.firstOffset() + 5;
        long to = second.firstOffset() + 5;
        String again = "rebalanced/" + topic + "/2/" + from + ".mak";
        upload(again, topic, 2, from, to);

        CliRun run = verify("--topic", topic);

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        assertThat(run.out()).contains(
                topic + "/2: overlap at offsets " + from + ".." + first.lastOffset() + ", held by both " + first.key() + " and " + again,
                topic + "/2: overlap at offsets " + second.firstOffset() + ".." + to + ", held by both " + again + " and " + second.key());
        assertThat(row(run, topic, 2)[8]).as("overlaps").isEqualTo("2");
        assertThat(row(run, topic, 2)[10]).isEqualTo("WARN");
        assertThat(lastLine(run)).isEqualTo("verify: OK: 4 partitions (3 OK, 1 WARN, 0 FAIL)");
    }

    @Test
    void aCompactedTopicSkipsOffsetsWithoutAFalseGap(TestEnv env, @TempDir Path dir) throws Exception {
        String topic = env.topic("compacted");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = env.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact",
                    "segment.ms", "100", "min.cleanable.dirty.ratio", "0.001", "delete.retention.ms", "100")))).all().get(30, TimeUnit.SECONDS);
        }
        // Keys 0..99, then the even keys again: once compacted, offsets 0, 2, .., 98 hold no record.
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            Stream.concat(IntStream.range(0, 100).boxed(), IntStream.range(0, 50).map(i -> i * 2).boxed())
                    .forEach(k -> producer.send(new ProducerRecord<>(topic, 0, ("key-" + k).getBytes(StandardCharsets.UTF_8), new byte[] {1})));
            // The cleaner leaves the active segment alone: new records roll the segments (segment.ms) until it has cleaned.
            int[] filler = {0};
            Deadline.await("the cleaner to compact " + topic, Duration.ofSeconds(60), () -> {
                producer.send(new ProducerRecord<>(topic, 0, ("filler-" + filler[0]++).getBytes(StandardCharsets.UTF_8), new byte[] {2})).get();
                return offsets(env, partition).stream().noneMatch(o -> o < 100 && o % 2 == 0);
            });
        }
        List<Long> inKafka = offsets(env, partition);
        long last = inKafka.get(inKafka.size() - 1);
        Path settings = ArchivedTopics.archive(env, dir, topic, () -> Deadline.await("offset " + last + " of " + topic + " in S3",
                Duration.ofSeconds(90), () -> ArchiveContents.read(env).offsetCounts(topic).containsKey("0@" + last)));
        List<HeldRecords> objects = ArchivedTopics.objects(env, topic, 0);
        assertThat(objects.get(1).firstOffset()).as("the archive skips offsets between objects").isGreaterThan(objects.get(0).lastOffset() + 1);

        CliRun run = CliRun.of("verify", "--settings", settings.toString(), "--topic", topic);

        assertThat(run.exitCode()).as(run.out() + run.stderr()).isZero();
        assertThat(row(run, topic, 0)[7]).as("gaps").isEqualTo("0");
        assertThat(row(run, topic, 0)[10]).isEqualTo("OK");

        // Without Kafka to ask, the skipped offsets between objects are gaps that could not be checked.
        CliRun unchecked = CliRun.of("verify", "--settings", settings.toString(), "--topic", topic, "--no-kafka");
        assertThat(unchecked.exitCode()).isEqualTo(Console.EXIT_FAILURE);
        assertThat(unchecked.out()).contains("not compared with Kafka (--no-kafka)",
                topic + "/0: gap at offsets " + (objects.get(0).lastOffset() + 1) + ".." + (objects.get(1).firstOffset() - 1));
        assertThat(unchecked.out().lines().filter(l -> l.contains(": gap at offsets ")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("not checked against Kafka"));
    }

    private static CliRun verify(String... args) {
        List<String> line = new ArrayList<>(List.of("verify", "--settings", sharedSettings.toString()));
        line.addAll(List.of(args));
        return CliRun.of(line.toArray(String[]::new));
    }

    /** The summary table's row of one partition, split into its cells. */
    private static String[] row(CliRun run, String topic, int partition) {
        return run.out().lines().map(l -> l.trim().split("\\s+"))
                .filter(cells -> cells.length == 13 && cells[0].equals(topic) && cells[1].equals(Integer.toString(partition)))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + topic + "/" + partition + " in\n" + run.out()));
    }

    private static String lastLine(CliRun run) {
        List<String> lines = run.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** Writes the archived records {@code from..to} of a partition into a new object, with its metadata and manifest entry. */
    private static void upload(String key, String topic, int partition, long from, long to) throws Exception {
        Path file = sharedDir.resolve("again.mak");
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, new MakFileHeader(topic, partition, from, Instant.now()))) {
            for (ArchiveContents.Entry e : ArchiveContents.read(shared).entries().stream()
                    .filter(e -> e.topic().equals(topic) && e.partition() == partition && e.record().offset() >= from && e.record().offset() <= to)
                    .sorted(Comparator.comparingLong(e -> e.record().offset())).toList()) {
                writer.append(e.record());
            }
            writer.commit();
        }
        ArchiveFacts facts = ArchiveFacts.of(file);
        Map<String, String> metadata = ObjectMetadata.of(facts.header(), facts.summary(), facts.version().cliName(), Compression.NONE.settingName(),
                Optional.empty(), Optional.empty());
        shared.store().put(key, file, metadata, new Precondition.Overwrite());
        shared.manifest().record(ArchivedObject.fromMetadata(key, Files.size(file), metadata).orElseThrow());
    }

    /** A gzip object's bytes decompressed and compressed again, at gzip's fastest level: the same records, other bytes. */
    private static byte[] gzippedFaster(byte[] gzipped) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream fast = new GZIPOutputStream(out) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            }) {
                in.transferTo(fast);
            }
            assertThat(out.toByteArray()).as("other bytes").isNotEqualTo(gzipped);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces an object's bytes, keeping its metadata: what a damaged disk or a botched copy leaves behind. */
    private static void rewrite(String key, UnaryOperator<byte[]> damage) {
        ArchiveStore store = shared.store();
        Map<String, String> metadata = store.head(key).orElseThrow().metadata();
        store.put(key, damage.apply(store.getBytes(key)), "application/octet-stream", metadata, new Precondition.Overwrite());
    }

    /** The offsets of the records a consumer reads from {@code partition}, from its start to its end. */
    private static List<Long> offsets(TestEnv env, TopicPartition partition) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(env.consumerConfig(env.topic("reader")))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<Long> offsets = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(partition)) {
                    offsets.add(r.offset());
                }
            }
            return offsets;
        }
    }
}
