package io.kafkaarchiver.archive;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many files each stage holds across the working directory, and the quarantined ones with since when each waits. */
final class StageCounts {

    private final Map<Stage, AtomicInteger> counts = new EnumMap<>(Stage.class);
    /** Asked every round, so not gathered from every partition. */
    private final Map<WorkFile, Instant> quarantined = new ConcurrentHashMap<>();

    StageCounts() {
        for (Stage stage : Stage.values()) {
            counts.put(stage, new AtomicInteger());
        }
    }

    /** {@code file} is in its stage since {@code since}. */
    void added(WorkFile file, Instant since) {
        counts.get(file.stage()).incrementAndGet();
        if (file.stage() == Stage.QUARANTINE) {
            quarantined.put(file, since);
        }
    }

    /** {@code file} has left its stage. */
    void removed(WorkFile file) {
        counts.get(file.stage()).decrementAndGet();
        if (file.stage() == Stage.QUARANTINE) {
            quarantined.remove(file);
        }
    }

    int count(Stage stage) {
        return counts.get(stage).get();
    }

    Map<WorkFile, Instant> quarantined() {
        return Map.copyOf(quarantined);
    }

    /** Quarantined files that entered quarantine at {@code due} or before. */
    List<WorkFile> quarantinedBefore(Instant due) {
        return quarantined().entrySet().stream().filter(e -> !e.getValue().isAfter(due)).map(Map.Entry::getKey).toList();
    }
}
