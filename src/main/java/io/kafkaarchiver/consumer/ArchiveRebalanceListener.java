package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.CommitPoint;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each offset in one object across rebalances and restarts. On assignment Kafka is asked the ids of
 * the partitions' topics, which tell the life of its topic each is in (a topic deleted and created again
 * has a new one), and a partition resumes after whatever is furthest on: what this instance holds (on
 * disk or already in S3) or the group's committed offset, if that was committed in the same life. On revocation its files are completed and uploaded ({@link PartitionHandOff})
 * and their offsets committed while the partition is still ours; what cannot be uploaded now stays
 * queued. A lost partition (no longer ours to commit) has its file completed and queued.
 */
final class ArchiveRebalanceListener implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRebalanceListener.class);

    private final ConsumerRebalanceListener camel;
    private final ArchiveConsumer consumer;
    private final Archiver archiver;
    private final CommitQueue commits;
    private final PartitionHandOff handOff;
    private final ArchiveMetrics metrics;
    private final Assignments assignments;
    private final KafkaLifeWatch lifeWatch;

    ArchiveRebalanceListener(ConsumerRebalanceListener camel, ArchiveConsumer consumer, ConsumerDuties duties) {
        this.camel = camel;
        this.consumer = consumer;
        this.archiver = duties.archiver();
        this.commits = duties.commits();
        this.handOff = duties.handOff();
        this.metrics = duties.metrics();
        this.assignments = duties.assignments();
        this.lifeWatch = duties.lifeWatch();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        camel.onPartitionsAssigned(partitions);
        if (partitions.isEmpty()) {
            return;
        }
        metrics.assigned(partitions);
        assignments.assigned(partitions);
        Set<String> topics = partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Map<String, String> topicIds = lifeWatch.topicIds(topics);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, CommitPoint> groupOffsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            groupOffsets.put(tp, c == null ? CommitPoint.NONE : new CommitPoint(c.offset(), c.metadata()));
        }
        commits.assigned(groupOffsets);
        for (TopicPartition tp : partitions) {
            CommitPoint group = groupOffsets.get(tp);
            long resumeAt = archiver.assigned(tp, Optional.ofNullable(topicIds.get(tp.topic())), group);
            if (resumeAt == group.offset()) {
                if (resumeAt >= 0) {
                    LOG.info("{}: resuming at the group's committed offset {}", tp, resumeAt);
                }
            } else if (resumeAt >= 0) {
                LOG.info("{}: resuming at offset {}, after what this instance holds (group committed {})", tp, resumeAt,
                        group.offset() < 0 ? "nothing" : group.offset());
                consumer.seek(tp, resumeAt);
                // What this instance put in S3 while it did not own the partition (files an earlier run left, a hand-off
                // that outlasted its budget) is committed now, not only when new records come: a partition that gets
                // none would otherwise be read again by its next owner.
                commits.offer(tp, archiver.ledger().committable(tp));
            } else {
                LOG.info("{}: archiving from the start of its log: the group's committed offset {} is of another life of its topic", tp,
                        group.offset());
                consumer.seekToBeginning(List.of(tp));
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        handOff.handOff(partitions);
        // Still ours until this returns: commit what the hand-off (and earlier uploads) made safe.
        consumer.commitPending();
        archiver.released(partitions, "partition revoked");
        metrics.released(partitions);
        assignments.released(partitions);
        commits.released(partitions);
        camel.onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        archiver.released(partitions, "partition lost");
        metrics.released(partitions);
        assignments.released(partitions);
        commits.released(partitions);
        camel.onPartitionsLost(partitions);
    }
}
