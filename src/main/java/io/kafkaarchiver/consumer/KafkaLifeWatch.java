package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.LifeWatch;
import io.kafkaarchiver.metrics.LifeCounters;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Kafka the ids of topics (KIP-516; the consumer does not tell them), for the archiver to know which
 * life of a topic a partition's records belong to: on assignment, once for the topics of the partitions
 * assigned, and when a partition's offsets go back. Kafka is given a few seconds, as a rebalance waits for
 * the answer: what it cannot say leaves the partitions in the lives known, and is said. Tells the metrics
 * of the lives and truncations found.
 */
public final class KafkaLifeWatch implements LifeWatch, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLifeWatch.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> clientConfig;
    private final LifeCounters counters;
    private Admin admin;

    /** @param clientConfig the base configuration of any client of the archived cluster (brokers, TLS, SASL) */
    public KafkaLifeWatch(Map<String, Object> clientConfig, LifeCounters counters) {
        this.clientConfig = new HashMap<>(clientConfig);
        this.clientConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-archiver-lives");
        this.clientConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.clientConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.counters = counters;
    }

    /** The ids of those of {@code topics} Kafka describes now; a topic that is gone, or that Kafka could not be asked about, is left out. */
    public synchronized Map<String, String> topicIds(Collection<String> topics) {
        Map<String, String> ids = new TreeMap<>();
        if (topics.isEmpty()) {
            return ids;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, String> failed = new TreeMap<>();
        try {
            if (admin == null) {
                admin = Admin.create(clientConfig);
            }
            admin.describeTopics(topics).topicNameValues().forEach((topic, description) -> {
                try {
                    ids.put(topic, await(description, deadline).topicId().toString());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        failed.put(topic, e.getCause().getMessage());
                    }
                } catch (TimeoutException e) {
                    failed.put(topic, "no answer within " + TIMEOUT.toSeconds() + " s");
                }
            });
        } catch (KafkaException e) {
            topics.forEach(topic -> failed.put(topic, e.getMessage()));
        }
        if (!failed.isEmpty()) {
            LOG.warn("Could not ask Kafka the ids of topics {}: their partitions stay in the lives of the topics this archiver knew; "
                    + "a topic deleted and created again meanwhile is found when its offsets go back", failed);
        }
        return ids;
    }

    private static <T> T await(KafkaFuture<T> future, long deadline) throws ExecutionException, TimeoutException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    @Override
    public Optional<String> topicIdNow(String topic) {
        return Optional.ofNullable(topicIds(List.of(topic)).get(topic));
    }

    @Override
    public void watching(TopicPartition tp) {
        counters.watching(tp);
    }

    @Override
    public void newLife(String topic) {
        counters.newLife(topic);
    }

    @Override
    public void truncated(TopicPartition tp) {
        counters.truncated(tp);
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(TIMEOUT);
        }
    }
}
