package io.kafkaarchiver.restore;

import java.nio.file.Path;
import java.util.Set;

/**
 * One restore, as asked: the archived topic, the topic to write to, which partitions (empty: all the
 * archive has) and records, at most how many records a second (0: as fast as it goes), whether to
 * write into a topic archived to the same bucket, and where the offset map goes.
 */
public record RestoreRequest(String sourceTopic, String targetTopic, Set<Integer> partitions, RestoreWindow window,
                             long maxRate, boolean force, Path offsetMap) {

    public RestoreRequest {
        partitions = Set.copyOf(partitions);
        if (maxRate < 0) {
            throw RestoreException.badRequest("max-rate " + maxRate + " is negative");
        }
    }

    /** A request with the defaults where {@code targetTopic} (the source topic) or {@code offsetMap} are null. */
    public static RestoreRequest of(String sourceTopic, String targetTopic, Set<Integer> partitions, RestoreWindow window,
                                    long maxRate, boolean force, Path offsetMap) {
        String target = targetTopic == null || targetTopic.isBlank() ? sourceTopic : targetTopic.trim();
        return new RestoreRequest(sourceTopic, target, partitions, window, maxRate, force,
                offsetMap != null ? offsetMap : OffsetMap.defaultFile(sourceTopic, target));
    }
}
