package io.kafkaarchiver.topics;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the archiver reads of the cluster it archives besides the records: which topics it archives,
 * how they are made and configured, and the committed offsets of the consumer groups. A failure for one
 * topic or group is told apart from the others ({@link Reads}); one of the whole request is a {@link KafkaException}.
 */
final class SourceCluster implements AutoCloseable {

    /** A topic as Kafka describes it. */
    record Described(String topicId, int partitions, int replicationFactor) {
    }

    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, Object> config;
    private Admin admin;
    private final List<String> topics;
    private final Pattern topicPattern;

    /**
     * @param clientConfig the base configuration of any client of the cluster (brokers, TLS, SASL)
     * @param topics       the topics archived by name, or empty when {@code topicPattern} chooses them
     * @param topicPattern the pattern the archiver subscribes to, or null
     */
    SourceCluster(Map<String, Object> clientConfig, List<String> topics, Pattern topicPattern) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-archiver-topics");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        this.config = config;
        this.topics = List.copyOf(topics);
        this.topicPattern = topicPattern;
    }

    /** The client, made at first use: not while the archiver starts, when a refused login is reported once, by the consumer's check. */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(config);
        }
        return admin;
    }

    /** The topics archived: those named, or those of the cluster the pattern matches (internal topics aside, as the consumer does). */
    List<String> archivedTopics() {
        if (topicPattern == null) {
            return topics;
        }
        return await(admin().listTopics().names(), "listing the topics").stream()
                .filter(t -> topicPattern.matcher(t).matches()).sorted().toList();
    }

    /** The topics that exist, described; a topic that does not exist (yet) is left out. */
    Reads<Described> describe(Collection<String> names) {
        Reads<Described> reads = new Reads<>();
        if (names.isEmpty()) {
            return reads;
        }
        admin().describeTopics(names).topicNameValues().forEach((topic, future) -> {
            try {
                TopicDescription d = await(future);
                int replicationFactor = d.partitions().stream().mapToInt(p -> p.replicas().size()).max().orElse(0);
                reads.read().put(topic, new Described(d.topicId().toString(), d.partitions().size(), replicationFactor));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    reads.failed().put(topic, e.getCause());
                }
            }
        });
        return reads;
    }

    /** Each topic's configuration entries set on the topic itself: not the broker's defaults, nor sensitive ones (Kafka hides their values). */
    Reads<Map<String, String>> configs(Collection<String> names) {
        Reads<Map<String, String>> reads = new Reads<>();
        if (names.isEmpty()) {
            return reads;
        }
        List<ConfigResource> resources = names.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        admin().describeConfigs(resources).values().forEach((resource, future) -> {
            try {
                Config config = await(future);
                reads.read().put(resource.name(), config.entries().stream()
                        .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && !e.isSensitive() && e.value() != null)
                        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value)));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    reads.failed().put(resource.name(), e.getCause());
                }
            }
        });
        return reads;
    }

    /**
     * The committed offsets of every consumer group {@code chosen} picks; a group deleted since it was
     * listed is left out.
     */
    Reads<Map<TopicPartition, OffsetAndMetadata>> groupOffsets(Predicate<String> chosen) {
        List<String> groups = await(admin().listConsumerGroups().all(), "listing the consumer groups").stream()
                .map(ConsumerGroupListing::groupId).filter(chosen).sorted().toList();
        Reads<Map<TopicPartition, OffsetAndMetadata>> reads = new Reads<>();
        if (groups.isEmpty()) {
            return reads;
        }
        Map<String, ListConsumerGroupOffsetsSpec> asked = new HashMap<>();
        groups.forEach(g -> asked.put(g, new ListConsumerGroupOffsetsSpec()));
        var result = admin().listConsumerGroupOffsets(asked);
        for (String group : groups) {
            try {
                reads.read().put(group, await(result.partitionsToOffsetAndMetadata(group)));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    reads.failed().put(group, e.getCause());
                }
            }
        }
        return reads;
    }

    /** One answer of several: its failure is the caller's to sort out; a timeout or an interruption fails them all. */
    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for Kafka", e);
        }
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return await(future);
        } catch (ExecutionException e) {
            throw new KafkaException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
