package io.kafkaarchiver.restore;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A restore checked and planned, before anything is written: what it reads, the target topic as it is
 * (its partition count, empty when it does not exist yet) and the checkpoints it resumes from.
 */
public record PreparedRestore(RestoreRequest request, String bucket, RestorePlan plan, Optional<Integer> targetPartitions,
                              Map<Integer, RestoreCheckpoint> checkpoints) {

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
}
