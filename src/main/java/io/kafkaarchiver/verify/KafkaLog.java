package io.kafkaarchiver.verify;

import io.kafkaarchiver.config.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the Kafka cluster still holds of the archived partitions: their topics' ids now, their log
 * start and end offsets, and whether a range of offsets holds any record. A consumer without a group, reading as the
 * archiver does (uncommitted records included), with short timeouts so an unreachable cluster is
 * found out quickly.
 */
public final class KafkaLog implements AutoCloseable {

    /** How long one question to Kafka may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConnection connection;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Admin admin;

    /** Connects at the first question, so that a cluster that cannot be reached is found out by asking. */
    public KafkaLog(KafkaConnection connection) {
        this.connection = connection;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(consumerConfig());
        }
        return consumer;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(connection.clientConfig());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-archiver-verify");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        // Retention may move the log start while a range is read: then read from where the log starts now.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    public String brokers() {
        return connection.brokers();
    }

    /** Kafka's partitions of {@code topics}; none for a topic Kafka does not have. */
    public List<TopicPartition> partitions(Collection<String> topics) {
        Map<String, List<PartitionInfo>> all = consumer().listTopics(TIMEOUT);
        return topics.stream().flatMap(t -> all.getOrDefault(t, List.of()).stream())
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
    }

    /** The ids Kafka gives {@code topics} now (KIP-516), which tell their lives apart; none for a topic Kafka does not have. */
    public Map<String, String> topicIds(Collection<String> topics) {
        if (admin == null) {
            admin = Admin.create(connection.adminConfig("kafka-archiver-verify", TIMEOUT, TIMEOUT));
        }
        Map<String, String> ids = new HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, description) -> {
            try {
                ids.put(topic, description.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).topicId().toString());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthenticationException refused) {
                    throw refused;
                }
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new KafkaException("describing topic " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new TimeoutException("describing topic " + topic + " took longer than " + TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while describing topic " + topic, e);
            }
        });
        return ids;
    }

    public Map<TopicPartition, LogBounds> bounds(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> starts = consumer().beginningOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> ends = consumer().endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, LogBounds> bounds = new HashMap<>();
        for (TopicPartition p : partitions) {
            bounds.put(p, new LogBounds(starts.get(p), ends.get(p)));
        }
        return bounds;
    }

    /** Asks about {@code partition}, whose log ends at {@code end}. */
    public RecordProbe probe(TopicPartition partition, long end) {
        return (from, to) -> hasRecords(partition, from, to, end);
    }

    private boolean hasRecords(TopicPartition partition, long from, long to, long end) {
        KafkaConsumer<byte[], byte[]> consumer = consumer();
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
            if (!records.isEmpty()) {
                return records.get(0).offset() <= to;
            }
            // The position moves past offsets without records (compacted away, transaction markers) too.
            long position = consumer.position(partition, TIMEOUT);
            if (position > to || position >= end) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading " + partition + " from offset " + from + " took longer than " + TIMEOUT.toSeconds() + " s");
            }
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
