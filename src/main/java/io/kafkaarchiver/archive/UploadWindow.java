package io.kafkaarchiver.archive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The objects in the upload stage at once: at most {@link #SIZE}, whatever the backlog. Their exchanges,
 * and the retries Camel's timer holds for them, stay few (its queue of timed retries is bounded, and a
 * retry it refuses would be dropped); the others wait their turn in {@code upload/}, in the order they
 * came, and are let in as uploads end.
 */
final class UploadWindow {

    /** Well below the 1,000 timed retries Camel's default thread pool profile queues. */
    static final int SIZE = 512;

    private final int size;
    private final Set<WorkFile> inStage = new LinkedHashSet<>();
    private final Set<WorkFile> waiting = new LinkedHashSet<>();

    UploadWindow(int size) {
        this.size = size;
    }

    /** True when the object may go to the upload stage now; otherwise it waits its turn (unless it is in the stage already). */
    synchronized boolean admit(WorkFile object) {
        if (inStage.contains(object)) {
            return false;
        }
        if (inStage.size() < size) {
            waiting.remove(object);
            inStage.add(object);
            return true;
        }
        waiting.add(object);
        return false;
    }

    /** The object's upload has ended (archived, quarantined, or given up on): its place goes to the next. */
    synchronized void left(WorkFile object) {
        inStage.remove(object);
    }

    /** The object left the stage without an end of its own (its exchange was lost): it waits its turn again. */
    synchronized void dropped(WorkFile object) {
        inStage.remove(object);
        waiting.add(object);
    }

    /** Lets in up to {@code most} waiting objects while there is room, skipping those {@code stillWaits} says are gone. */
    synchronized List<WorkFile> next(Predicate<WorkFile> stillWaits, int most) {
        List<WorkFile> admitted = new ArrayList<>();
        for (var it = waiting.iterator(); it.hasNext() && inStage.size() < size && admitted.size() < most; ) {
            WorkFile object = it.next();
            it.remove();
            if (stillWaits.test(object)) {
                inStage.add(object);
                admitted.add(object);
            }
        }
        return admitted;
    }

    synchronized int waitingCount() {
        return waiting.size();
    }
}
