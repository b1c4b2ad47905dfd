package io.kafkaarchiver.verify;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * What verification found for one topic-partition in one life of its topic: the archive's coverage,
 * Kafka's log where it was asked (the current life's only), the gaps and damaged objects (failures), and
 * warnings (overlaps, and what Kafka holds that the archive does not) and notes that change nothing.
 *
 * @param topicId the topic's id in that life; empty for an archive written before ids were known
 */
public record PartitionVerdict(TopicPartition partition, Optional<String> topicId, LifeState life, Coverage coverage,
                               Optional<LogBounds> kafka, List<Gap> gaps, List<DamagedObject> damaged, List<String> warnings,
                               List<String> notes) {

    /** OK: whole; WARN: whole, but look (overlaps, not archived yet); FAIL: offsets lost or objects damaged. */
    public enum Status { OK, WARN, FAIL }

    public Status status() {
        if (!gaps.isEmpty() || !damaged.isEmpty()) {
            return Status.FAIL;
        }
        return coverage.overlaps().isEmpty() && warnings.isEmpty() ? Status.OK : Status.WARN;
    }

    /** Offsets Kafka holds beyond the archive's last: the archiver rotates files every few minutes, so some lag is normal. */
    public Optional<Long> lag() {
        return kafka.map(log -> Math.max(0, log.end() - Math.max(log.start(), coverage.lastOffset() + 1)));
    }
}
