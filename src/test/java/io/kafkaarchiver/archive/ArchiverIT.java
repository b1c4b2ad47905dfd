package io.kafkaarchiver.archive;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import io.kafkaarchiver.catalog.ObjectMetadata;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.demo.ChildJvm.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/** The archiver end to end, on a real broker and a real S3 server. */
@ExtendWith(ArchiveTestEnvironment.class)
public class ArchiverIT {

    /** Partitions {@link #produce} spreads records over. */
    public static final int PARTITIONS = 4;

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    @TempDir
    Path workDir;

    /** As below, with the test's store (its bucket, or its directory: {@link TestEnv#storeSettings()}). */
    public static Properties settings(TestEnv env, Path workDir, String... overrides) throws IOException {
        Properties p = settings(env.kafka().bootstrapServers(), env.s3().endpoint(), LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY, env.bucket(),
                env.prefix(), workDir);
        env.storeSettings().forEach(p::setProperty);
        for (int i = 0; i < overrides.length; i += 2) {
            p.setProperty(overrides[i], overrides[i + 1]);
        }
        return p;
    }

    /** The settings of an archiver in group {@code <prefix>-archiver}, quick to rotate, retry and leave its group. */
    public static Properties settings(String brokers, URI s3, String accessKey, String secretKey, String bucket, String prefix, Path workDir,
                                      String... overrides) throws IOException {
        Properties p = SettingsSource.load(workDir, Map.of());
        p.setProperty("kafka.brokers", brokers);
        p.setProperty("kafka.group-id", prefix + "-archiver");
        p.setProperty("archive.work-dir", workDir.resolve("work").toString());
        p.setProperty("archive.rotate.max-records", "100");
        p.setProperty("archive.rotate.max-age", "1s");
        p.setProperty("archive.rotate.check-interval", "200ms");
        p.setProperty("archive.upload.initial-delay", "100ms");
        p.setProperty("archive.upload.max-delay", "1s");
        p.setProperty("archive.topic-refresh", "1s");
        // A killed archiver leaves the group after this long, not Kafka's default 45 seconds.
        p.setProperty("kafka.consumer.session.timeout.ms", "6000");
        // Several archivers run on this machine, some in this JVM: each its own management (metrics)
        // port, and its own Camel name, which names its threads in the logs.
        p.setProperty("camel.management.port", Integer.toString(freePort()));
        p.setProperty("camel.main.name", "kafka-archiver-" + prefix + "-" + INSTANCES.incrementAndGet());
        p.setProperty("s3.bucket", bucket);
        p.setProperty("s3.endpoint", s3.toString());
        p.setProperty("s3.path-style", "true");
        p.setProperty("s3.access-key", accessKey);
        p.setProperty("s3.secret-key", secretKey);
        for (int i = 0; i < overrides.length; i += 2) {
            p.setProperty(overrides[i], overrides[i + 1]);
        }
        return p;
    }

    /** The routes as the jar ships them, and their twin in the XML DSL: each runs the whole pipeline. */
    @ParameterizedTest
    @ValueSource(strings = {ArchiveConfiguration.ROUTES, "classpath:routes/xml/*.camel.xml"})
    void everyOffsetLandsInExactlyOneObjectWithEveryFieldIntact(String routes, TestEnv env) throws Exception {
        String topic = env.topic("orders");
        env.kafka().createTopic(topic, PARTITIONS);
        int count = 1000;
        Map<String, ProducerRecord<byte[], byte[]>> sent = produce(env, topic, 0, count);

        Properties settings = settings(env, workDir, "archive.topics", topic);
        ArchiverRuntime archiver = ArchiverRuntime.create(settings, routes);
        archiver.start();
        ScrapedMetrics metrics;
        try {
            awaitArchived(env, topic, count);
            awaitCommitted(env, topic, count);
            // What is left to archive, per partition, as an operator's alerts see it: nothing.
            Deadline.await("every partition of " + topic + " with no record left out of S3, by the metrics", Duration.ofSeconds(30), () -> {
                ScrapedMetrics m = ScrapedMetrics.of(settings);
                return partitions(topic).stream().allMatch(tp -> m.find("kafka_archiver_partition_lag_records", tp).orElse(-1) == 0
                        && m.find("kafka_archiver_oldest_unarchived_seconds", tp).orElse(-1) == 0
                        && m.find("kafka_archiver_last_upload_timestamp_seconds", tp).orElse(0) > 0);
            });
            metrics = ScrapedMetrics.of(settings);
        } finally {
            archiver.stop();
        }

        ArchiveContents contents = ArchiveContents.read(env);
        assertThat(contents.offsetCounts(topic)).hasSize(count).allSatisfy((offset, n) -> assertThat(n).as(offset).isEqualTo(1));
        for (ArchiveContents.Entry e : contents.entries()) {
            ProducerRecord<byte[], byte[]> original = sent.get(e.partition() + "@" + e.record().offset());
            MakRecord r = e.record();
            assertThat(r.key()).isEqualTo(original.key());
            assertThat(r.value()).isEqualTo(original.value());
            assertThat(r.timestamp()).isEqualTo(original.timestamp());
            assertThat(r.timestampType()).isEqualTo(MakTimestampType.CREATE_TIME);
            assertThat(r.headers()).extracting(h -> h.key()).containsExactly("trace", "trace", "nil");
            assertThat(r.headers().get(2).value()).isNull();
        }
        assertThat(metrics.value("kafka_archiver_records_written_total")).isEqualTo(count);
        assertThat(metrics.value("kafka_archiver_objects_uploaded_total")).isEqualTo(contents.metadata().size());
        assertThat(metrics.value("kafka_archiver_files_waiting{stage=\"quarantine\"}")).isZero();
        // The manifest lists every object, as complete as its metadata says.
        ArchiveCatalog.Contents manifest = env.catalog().list(Optional.of(topic), true);
        assertThat(manifest.source()).isEqualTo(ArchiveCatalog.Source.MANIFEST);
        assertThat(manifest.objects()).extracting(ArchivedObject::key).containsExactlyInAnyOrderElementsOf(contents.metadata().keySet());
        assertThat(manifest.recordCount()).isEqualTo(count);
        // Keys sort in offset order, and the metadata says what each object holds.
        for (var entry : contents.metadata().entrySet()) {
            assertThat(entry.getKey()).matches(topic + "/\\d/\\d{20}\\.mak\\.gz");
            assertThat(entry.getValue()).containsKeys(ObjectMetadata.END_OFFSET, ObjectMetadata.RECORD_COUNT, ObjectMetadata.MIN_TIMESTAMP);
        }
    }

    /** An object larger than a part goes up in parts, a few at once, with the metadata its readers need. */
    @org.junit.jupiter.api.Test
    void aLargeObjectGoesUpInPartsWithItsMetadata(TestEnv env) throws Exception {
        String topic = env.topic("large");
        env.kafka().createTopic(topic, 1);
        int count = 1500;
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            byte[] value = new byte[8 * 1024];
            new java.util.Random(11).nextBytes(value);
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
        }
        Properties settings = settings(env, workDir, "archive.topics", topic, "archive.compression", "none",
                "archive.rotate.max-records", "1000000", "archive.rotate.max-age", "3s", "s3.part-size", "5MB");
        archiveInProcess(env, settings, topic, count);
        ArchiveContents contents = ArchiveContents.read(env);
        assertThat(contents.offsetCounts(topic)).hasSize(count).allSatisfy((offset, n) -> assertThat(n).isEqualTo(1));
        var large = contents.metadata().entrySet().stream()
                .filter(e -> env.s3Client().headObject(b -> b.bucket(env.bucket()).key(e.getKey())).contentLength() > 5 << 20).toList();
        assertThat(large).as("objects of more than one part").isNotEmpty().allSatisfy(e -> {
            assertThat(e.getValue()).containsKeys(ObjectMetadata.END_OFFSET, ObjectMetadata.RECORD_COUNT);
            // S3 tags an object put in parts with its part count.
            assertThat(env.s3Client().headObject(b -> b.bucket(env.bucket()).key(e.getKey())).eTag()).matches("\"?[0-9a-f]+-[2-9]\"?");
        });
    }

    /** Produces records spread over the partitions, keyed by "partition@offset". Some keys null, some values empty. */
    public static Map<String, ProducerRecord<byte[], byte[]>> produce(TestEnv env, String topic, int from, int count) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        // Recent timestamps: the broker's time-based retention would delete records from years ago.
        long baseTime = System.currentTimeMillis() - 60_000;
        for (int i = from; i < from + count; i++) {
            byte[] key = i % 7 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] value = i % 11 == 0 ? new byte[0] : ("value-" + i).repeat(1 + i % 5).getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, i % PARTITIONS, baseTime + i, key, value);
            r.headers().add("trace", ("a" + i).getBytes(StandardCharsets.UTF_8));
            r.headers().add("trace", ("b" + i).getBytes(StandardCharsets.UTF_8));
            r.headers().add("nil", null);
            records.add(r);
        }
        return byPlace(records, env.send(records));
    }

    /** Each of {@code records} by "partition@offset", as {@code placed} (in the same order) says Kafka put them. */
    public static Map<String, ProducerRecord<byte[], byte[]>> byPlace(List<ProducerRecord<byte[], byte[]>> records, List<RecordMetadata> placed) {
        Map<String, ProducerRecord<byte[], byte[]>> sent = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            sent.put(placed.get(i).partition() + "@" + placed.get(i).offset(), records.get(i));
        }
        return sent;
    }

    /** The archiver in this JVM with {@code settings}, until {@code count} offsets of {@code topic} are in the archive. */
    public static void archiveInProcess(TestEnv env, Properties settings, String topic, int count) throws Exception {
        ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiveConfiguration.ROUTES);
        archiver.start();
        try {
            awaitArchived(env, topic, count);
        } finally {
            archiver.stop();
        }
    }

    public static void awaitArchived(TestEnv env, String topic, int count) throws Exception {
        Deadline.await(count + " offsets of " + topic + " in the archive", Duration.ofSeconds(90),
                () -> ArchiveContents.read(env).offsetCounts(topic).size() >= count);
    }

    public static void awaitCommitted(TestEnv env, String topic, int count) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            Deadline.await("the group's commits to cover " + count + " offsets", Duration.ofSeconds(60), () -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(env.topic("archiver"))
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long total = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                        .mapToLong(e -> e.getValue().offset()).sum();
                return total == count;
            });
        }
    }

    static Set<TopicPartition> partitions(String topic) {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
    }
}
