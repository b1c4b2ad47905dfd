package io.kafkaarchiver.restore;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A restore checked and planned, before anything is written: what it reads (which life of the source
 * topic, which objects), the target topic as it is (its partition count, empty when it does not exist
 * yet) and how it would be created, the checkpoints it resumes from, and the consumer groups it moves.
 *
 * @param topicId  the life of the source topic read; empty for an archive written before topic ids were known
 * @param creation present when the target does not exist
 */
public record PreparedRestore(RestoreRequest request, String archive, Optional<String> topicId, RestorePlan plan, Optional<Integer> targetPartitions,
                              Map<Integer, RestoreCheckpoint> checkpoints, Optional<TopicCreation> creation,
                              Optional<GroupsToMove> groups) {

    public PreparedRestore {
        checkpoints = Map.copyOf(checkpoints);
    }

    /** Per partition with a checkpoint, the next source offset to restore. */
    public Map<Integer, Long> nextOffsets() {
        Map<Integer, Long> next = new TreeMap<>();
        checkpoints.forEach((p, c) -> next.put(p, c.nextSourceOffset()));
        return next;
    }

    /** At most how many records are left to restore. */
    public long estimatedRecords() {
        return plan.estimatedRecords(nextOffsets());
    }

    /** True when partition {@code p} is restored: asked for (or all are), and the target has (or will have) it. */
    public boolean restores(int p) {
        int partitions = targetPartitions.or(() -> creation.map(TopicCreation::partitions)).orElse(0);
        return (request.partitions().isEmpty() || request.partitions().contains(p)) && p < partitions;
    }
}
