package io.kafkaarchiver.topics;

import io.kafkaarchiver.topics.SourceCluster.Described;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records, beside the archive, what restoring a topic needs besides its records: the topic's metadata
 * (partitions, replication factor, configuration), and where the consumer groups that read it are
 * (their committed offsets). The routes {@code archive-topics} and {@code archive-groups} call it on
 * their intervals; each keeps a new version only when something changed. What cannot be read now is
 * logged and read again next time: archiving never waits for it.
 */
public final class TopicSnapshots implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSnapshots.class);

    private final SourceCluster cluster;
    private final Optional<Pattern> groups;
    private final String archiverGroup;
    private final Clock clock;
    private final SnapshotWriter<TopicMetadata> metadata;
    private final SnapshotWriter<CommittedOffsets> offsets;
    private final ReadRefusals describeRefusals = new ReadRefusals("topic", "description", "Describe on the topic");
    private final ReadRefusals configRefusals = new ReadRefusals("topic", "configuration", "DescribeConfigs on the topic");
    private final ReadRefusals groupRefusals = new ReadRefusals("consumer group", "committed offsets", "Describe on the group");

    private TopicSnapshots(SourceCluster cluster, SnapshotStore store, Optional<Pattern> groups, String archiverGroup, Clock clock) {
        this.cluster = cluster;
        this.groups = groups;
        this.archiverGroup = archiverGroup;
        this.clock = clock;
        this.metadata = new SnapshotWriter<>(store, SnapshotKind.METADATA, null);
        this.offsets = new SnapshotWriter<>(store, SnapshotKind.GROUPS, CommittedOffsets.NONE);
    }

    /**
     * @param kafkaClientConfig the base configuration of any client of the archived cluster (brokers, TLS, SASL)
     * @param topics            the topics archived by name, or empty when {@code topicPattern} chooses them
     * @param topicPattern      the pattern the archiver subscribes to, or null
     * @param groups            the consumer groups whose offsets are recorded; empty for none
     * @param archiverGroup     the archiver's own group, whose offsets say what is archived, not where an application reads
     */
    public static TopicSnapshots of(SnapshotStore store, Map<String, Object> kafkaClientConfig, List<String> topics, Pattern topicPattern,
                                    Optional<Pattern> groups, String archiverGroup) {
        if (groups.isEmpty()) {
            LOG.info("Consumer groups' offsets are not recorded: archive.groups is empty");
        }
        return new TopicSnapshots(new SourceCluster(kafkaClientConfig, topics, topicPattern), store, groups, archiverGroup, Clock.systemUTC());
    }

    /** Reads each archived topic's partitions, replication factor and configuration; keeps what changed. */
    public void recordMetadata() {
        try {
            Instant now = clock.instant();
            Reads<Described> described = describeArchivedTopics();
            Reads<Map<String, String>> configs = cluster.configs(described.read().keySet());
            configRefusals.warnings(configs).forEach(LOG::warn);
            configs.read().forEach((topic, entries) -> {
                Described d = described.read().get(topic);
                TopicMetadata read = TopicMetadata.of(d.partitions(), d.replicationFactor(), entries);
                if (metadata.offer(new Snapshot<>(topic, d.topicId(), now, read))) {
                    LOG.info("Recorded topic {} (topic id {}): {}", topic, d.topicId(), read);
                }
            });
        } catch (RuntimeException e) {
            // Kafka's or the store's: both may pass.
            LOG.warn("Could not record the archived topics' metadata, will try again: {}", e.getMessage());
        }
    }

    /** Reads the committed offsets of the chosen consumer groups on each archived topic; keeps what changed. */
    public void recordGroups() {
        if (groups.isEmpty()) {
            return;
        }
        Pattern chosen = groups.get();
        try {
            Instant now = clock.instant();
            Reads<Described> described = describeArchivedTopics();
            Reads<Map<TopicPartition, OffsetAndMetadata>> read = cluster.groupOffsets(
                    g -> !g.equals(archiverGroup) && chosen.matcher(g).matches());
            groupRefusals.warnings(read).forEach(LOG::warn);
            Map<String, Map<String, Map<Integer, CommittedOffsets.Committed>>> byTopic = byTopic(read.read());
            described.read().forEach((topic, d) -> offsets.offer(new Snapshot<>(topic, d.topicId(), now,
                    CommittedOffsets.of(byTopic.getOrDefault(topic, Map.of())))));
        } catch (RuntimeException e) {
            LOG.warn("Could not record the consumer groups' offsets on the archived topics, will try again: {}", e.getMessage());
        }
    }

    private Reads<Described> describeArchivedTopics() {
        Reads<Described> described = cluster.describe(cluster.archivedTopics());
        describeRefusals.warnings(described).forEach(LOG::warn);
        return described;
    }

    /** Per topic, per group, per partition: the committed offsets as Kafka lists them per group. */
    private static Map<String, Map<String, Map<Integer, CommittedOffsets.Committed>>> byTopic(
            Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup) {
        Map<String, Map<String, Map<Integer, CommittedOffsets.Committed>>> byTopic = new HashMap<>();
        byGroup.forEach((group, committed) -> committed.forEach((tp, offset) -> {
            if (offset != null) {
                byTopic.computeIfAbsent(tp.topic(), t -> new HashMap<>()).computeIfAbsent(group, g -> new HashMap<>())
                        .put(tp.partition(), new CommittedOffsets.Committed(offset.offset(), offset.metadata()));
            }
        }));
        return byTopic;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
