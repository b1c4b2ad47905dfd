package io.kafkaarchiver.restore;

import java.nio.file.Path;
import java.util.List;

/**
 * What a restore did: records restored by this run (of which {@code found} were already in the
 * target, written by an interrupted run, and not written again), their key and value bytes, how long
 * it took, and where it put the consumer groups it moved.
 */
public record RestoreResult(long records, long found, long bytes, double seconds, Path offsetMap, List<GroupPosition> groupPositions) {

    public RestoreResult {
        groupPositions = List.copyOf(groupPositions);
    }

    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }

    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }
}
