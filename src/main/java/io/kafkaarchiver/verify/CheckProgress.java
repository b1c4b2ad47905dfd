package io.kafkaarchiver.verify;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** How far the download of the archive's objects has come; read by another thread to show progress. */
public final class CheckProgress {

    /** Objects and bytes done, out of those to do, in the time since the first object was started. */
    public record Snapshot(int objectsDone, int objects, long bytesRead, long bytes, Duration elapsed) {
    }

    private final AtomicInteger objects = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger objectsDone = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile long startedAt;

    void start(int objectCount, long byteCount) {
        objects.set(objectCount);
        bytes.set(byteCount);
        startedAt = System.nanoTime();
    }

    void read(long n) {
        bytesRead.addAndGet(n);
    }

    void objectDone() {
        objectsDone.incrementAndGet();
    }

    public Snapshot snapshot() {
        long since = startedAt;
        return new Snapshot(objectsDone.get(), objects.get(), bytesRead.get(), bytes.get(),
                since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since));
    }
}
