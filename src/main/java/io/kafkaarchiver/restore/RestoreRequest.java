package io.kafkaarchiver.restore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One restore, as asked: the archived topic and which life of it (empty: the current one), the topic to
 * write to, which partitions (empty: all the archive has) and records, at most how many records a
 * second (0: as fast as it goes), whether to write into a topic archived to the same bucket, where the
 * offset map goes, what to change in the recorded topic when the target is created, and which consumer
 * groups to move to the target.
 */
public record RestoreRequest(String sourceTopic, Optional<String> topicId, String targetTopic, Set<Integer> partitions, RestoreWindow window,
                             long maxRate, boolean force, Path offsetMap, TopicOverrides overrides, GroupChoice groups) {

    public RestoreRequest {
        partitions = Set.copyOf(partitions);
        if (maxRate < 0) {
            throw RestoreException.badRequest("max-rate " + maxRate + " is negative");
        }
    }

    /**
     * A request with the defaults where {@code targetTopic} (the source topic) or {@code offsetMap} are
     * null, creating the target as recorded and moving no consumer group.
     */
    public static RestoreRequest of(String sourceTopic, String targetTopic, Set<Integer> partitions, RestoreWindow window,
                                    long maxRate, boolean force, Path offsetMap) {
        String target = targetTopic == null || targetTopic.isBlank() ? sourceTopic : targetTopic.trim();
        return new RestoreRequest(sourceTopic, Optional.empty(), target, partitions, window, maxRate, force,
                offsetMap != null ? offsetMap : OffsetMap.defaultFile(sourceTopic, target), TopicOverrides.NONE, GroupChoice.NONE);
    }

    /** This request, creating the target with {@code topicOverrides} and moving {@code groupChoice} to it. */
    public RestoreRequest with(TopicOverrides topicOverrides, GroupChoice groupChoice) {
        return new RestoreRequest(sourceTopic, topicId, targetTopic, partitions, window, maxRate, force, offsetMap, topicOverrides, groupChoice);
    }

    /** This request, of the life of the source topic {@code id} names (blank: the current one). */
    public RestoreRequest ofLife(String id) {
        Optional<String> life = id == null || id.isBlank() ? Optional.empty() : Optional.of(id.trim());
        return new RestoreRequest(sourceTopic, life, targetTopic, partitions, window, maxRate, force, offsetMap, overrides, groups);
    }

    /** The time whose record of the topic and its groups applies: the window's end when bounded in time, else the latest. */
    public Instant recordedAsOf() {
        return window.toTime() == RestoreWindow.ALL.toTime() ? Instant.MAX : Instant.ofEpochMilli(window.toTime());
    }
}
