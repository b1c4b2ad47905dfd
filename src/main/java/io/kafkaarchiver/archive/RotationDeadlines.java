package io.kafkaarchiver.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * When each in-progress file is due to rotate by age, earliest first. Whoever fires the rotations
 * ({@link RotationTrigger}) says when it will fire next; a file due before that asks it to fire earlier.
 */
public final class RotationDeadlines {

    private record Deadline(Instant due, WorkFile file) {
    }

    private static final Comparator<Deadline> ORDER = Comparator.comparing(Deadline::due)
            .thenComparing(d -> d.file().partition().topic())
            .thenComparingInt(d -> d.file().partition().partition())
            .thenComparing(d -> d.file().life().label())
            .thenComparingLong(d -> d.file().startOffset());

    private final NavigableSet<Deadline> byDue = new ConcurrentSkipListSet<>(ORDER);
    private final Map<WorkFile, Deadline> byFile = new ConcurrentHashMap<>();
    private volatile Instant nextFiring = Instant.MAX;
    private volatile Consumer<Instant> fireAt = at -> { };

    /** Sets (or moves) a file's deadline. */
    void add(WorkFile file, Instant due) {
        Deadline d = new Deadline(due, file);
        Deadline earlier = byFile.put(file, d);
        if (earlier != null) {
            byDue.remove(earlier);
        }
        byDue.add(d);
        if (due.isBefore(nextFiring)) {
            fireAt.accept(due);
        }
    }

    /** The file has rotated (or is gone): it has no deadline any more. */
    void remove(WorkFile file) {
        Deadline d = byFile.remove(file);
        if (d != null) {
            byDue.remove(d);
        }
    }

    /** Takes the files due at {@code now}. */
    List<WorkFile> takeDue(Instant now) {
        List<WorkFile> due = new ArrayList<>();
        for (Deadline d = byDue.pollFirst(); d != null; d = byDue.pollFirst()) {
            if (d.due().isAfter(now)) {
                byDue.add(d);
                break;
            }
            byFile.remove(d.file(), d);
            due.add(d.file());
        }
        return due;
    }

    /** The earliest deadline. */
    public Optional<Instant> earliest() {
        return byDue.isEmpty() ? Optional.empty() : Optional.of(byDue.first().due());
    }

    /** Told by the trigger: when it fires next, and how to make it fire earlier. */
    public void firingAt(Instant next, Consumer<Instant> earlier) {
        this.fireAt = earlier;
        this.nextFiring = next;
    }
}
