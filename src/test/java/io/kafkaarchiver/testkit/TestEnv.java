package io.kafkaarchiver.testkit;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.demo.LocalKafka;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.s3.S3Address;
import io.kafkaarchiver.store.s3.ConditionalWrites;
import io.kafkaarchiver.store.s3.S3Store;
import java.time.Clock;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One integration test's share of the servers: the broker, the S3 server, its own bucket and topic prefix, and,
 * when the tests run on another store ({@code -Dit.store=file|azure}), its own directory or container the archive goes to instead.
 */
public record TestEnv(LocalKafka kafka, LocalS3 s3, S3Client s3Client, String bucket, String prefix, Optional<StoreUnderTest> elsewhere) {

    /** S3's smallest part: a test's objects larger than this go in parts. */
    public static final long PART_SIZE = 5L << 20;

    /** The test's archive as a store: its directory or container, or its bucket through the shared client; not to be closed (that would close the client). */
    public ArchiveStore store() {
        return elsewhere.map(StoreUnderTest::store)
                .orElseGet(() -> new S3Store(s3Client, new S3Address(bucket, s3.endpoint().toString(), LocalS3.REGION, true), "", "", PART_SIZE, ConditionalWrites.S3));
    }

    /** The archive as the commands' output names it: {@code bucket b}, {@code container c} or {@code directory /x}. */
    public String archiveName() {
        return elsewhere.map(StoreUnderTest::name).orElse("bucket " + bucket);
    }

    /** The settings that put an archiver's objects in the test's store, on top of its {@code s3.*} settings. */
    public Map<String, String> storeSettings() {
        return elsewhere.map(StoreUnderTest::settings).orElse(Map.of("archive.store", "s3"));
    }

    /** The archive's manifest in the test's bucket, where the archiver keeps it by default. */
    public Manifest manifest() {
        return new Manifest(store(), "_manifest", Clock.systemUTC());
    }

    /** What the archive in the test's bucket holds. */
    public ArchiveCatalog catalog() {
        return new ArchiveCatalog(store(), manifest());
    }

    /** A topic name no other test uses. */
    public String topic(String suffix) {
        return prefix + "-" + suffix;
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // One batch in flight: into a topic just created, a first batch refused (NOT_LEADER_OR_FOLLOWER) with
        // others in flight behind it leaves the idempotent producer retrying OUT_OF_ORDER_SEQUENCE_NUMBER for good.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(p);
    }

    /**
     * Sends {@code records} in batches, not one acknowledged send at a time (a linger each), and waits for every
     * acknowledgement; each partition keeps the records' order. @return where Kafka put each record, in the records' order
     */
    public List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<Future<RecordMetadata>> acks = records.stream().map(producer::send).toList();
            List<RecordMetadata> placed = new ArrayList<>();
            for (Future<RecordMetadata> ack : acks) {
                placed.add(ack.get(30, TimeUnit.SECONDS));
            }
            return placed;
        }
    }

    /** Commits what a consumer of {@code group} commits when it has read {@code topic}'s partitions up to these offsets. */
    public void commit(String group, String topic, Map<Integer, Long> offsets) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(group))) {
            consumer.commitSync(offsets.entrySet().stream().collect(Collectors.toMap(e -> new TopicPartition(topic, e.getKey()),
                    e -> new OffsetAndMetadata(e.getValue()))));
        }
    }

    public Map<String, Object> consumerConfig(String group) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return c;
    }
}
