package io.kafkaarchiver.restore;

import io.kafkaarchiver.config.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What a restore asks of the Kafka cluster it writes to, besides producing: the target topic, its
 * end offsets, and the checkpoints. Every failure is one line naming the brokers and what was asked.
 */
final class TargetCluster implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final String brokers;

    TargetCluster(KafkaConnection kafka) {
        this.admin = Admin.create(kafka.adminConfig("kafka-archiver-restore", Duration.ofSeconds(15), Duration.ofSeconds(30)));
        this.brokers = kafka.brokers();
    }

    /** The topic's partition count, or empty when it does not exist. */
    Optional<Integer> partitions(String topic) {
        return describe(topic).map(d -> d.partitions().size());
    }

    /** The topic's id now (KIP-516), which tells its lives apart; empty when it does not exist. */
    Optional<String> topicId(String topic) {
        return describe(topic).map(d -> d.topicId().toString());
    }

    private Optional<TopicDescription> describe(String topic) {
        try {
            return Optional.of(await(admin.describeTopics(List.of(topic)).allTopicNames(), "describing topic " + topic).get(topic));
        } catch (RestoreException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Creates the topic as {@code creation} says (the broker's defaults for what it leaves out), and returns
     * once the brokers' metadata holds it: asked for its end offsets a moment too early, Kafka would answer
     * that it knows no such topic.
     */
    void create(String topic, TopicCreation creation) throws InterruptedException {
        NewTopic newTopic = new NewTopic(topic, Optional.of(creation.partitions()), creation.replicationFactor().map(Integer::shortValue))
                .configs(creation.configs());
        try {
            await(admin.createTopics(List.of(newTopic)).all(), "creating topic " + topic + " with " + creation.shape());
        } catch (RestoreException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw RestoreException.failed(e.getMessage() + " (--replication-factor N and --config key=value override what the "
                        + "archive recorded; --config key= leaves an entry out)", e.getCause());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (partitions(topic).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw RestoreException.failed("Kafka at " + brokers + ": topic " + topic + " was created, but its metadata did not show it within "
                        + TIMEOUT_SECONDS + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /**
     * Of {@code groups}, those with members, and why each is refused: Kafka moves a group's committed
     * offsets only while it has none.
     */
    Map<String, String> activeGroups(Collection<String> groups, String topic) {
        Map<String, String> active = new TreeMap<>();
        await(admin.describeConsumerGroups(groups).all(), "describing consumer groups " + String.join(", ", groups))
                .forEach((group, description) -> {
                    int members = description.members().size();
                    if (members > 0) {
                        boolean readsTopic = description.members().stream().anyMatch(m -> m.assignment().topicPartitions().stream()
                                .anyMatch(tp -> tp.topic().equals(topic)));
                        active.put(group, members + (members == 1 ? " member" : " members") + ", state " + description.state()
                                + (readsTopic ? ", reading " + topic : ""));
                    }
                });
        return active;
    }

    /** Commits {@code offsets} for {@code group}, which must have no members. */
    void setOffsets(String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        await(admin.alterConsumerGroupOffsets(group, offsets).all(), "setting the offsets of consumer group " + group);
    }

    Map<Integer, Long> endOffsets(String topic, Set<Integer> partitions) {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(p -> asked.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        Map<Integer, Long> ends = new HashMap<>();
        await(admin.listOffsets(asked).all(), "reading the end offsets of " + topic)
                .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    /** The target partitions' committed offsets in the checkpoint group, with their metadata. */
    Map<Integer, OffsetAndMetadata> committed(String targetTopic) {
        String group = RestoreCheckpoint.group(targetTopic);
        Map<Integer, OffsetAndMetadata> committed = new HashMap<>();
        await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "reading the checkpoints in group " + group)
                .forEach((tp, offset) -> {
                    if (tp.topic().equals(targetTopic) && offset != null) {
                        committed.put(tp.partition(), offset);
                    }
                });
        return committed;
    }

    void commit(String targetTopic, RestoreCheckpoint checkpoint) {
        String group = RestoreCheckpoint.group(targetTopic);
        await(admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(targetTopic, checkpoint.partition()),
                new OffsetAndMetadata(checkpoint.targetOffset(), checkpoint.metadata()))).all(), "writing a checkpoint to group " + group);
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                // The command names the setting to fix.
                throw refused;
            }
            throw RestoreException.failed("Kafka at " + brokers + ": " + what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw RestoreException.failed("Kafka at " + brokers + ": " + what + " timed out (are the brokers reachable?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RestoreException.failed("interrupted while " + what, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
