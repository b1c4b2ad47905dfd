package io.kafkaarchiver.verify;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** How far the download of the archive's objects has come; read by another thread to show progress. */
public final class CheckProgress {

    /** Objects and bytes done, out of those to do. */
    public record Snapshot(int objectsDone, int objects, long bytesRead, long bytes) {
    }

    private final AtomicInteger objects = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger objectsDone = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();

    void start(int objectCount, long byteCount) {
        objects.set(objectCount);
        bytes.set(byteCount);
    }

    void read(long n) {
        bytesRead.addAndGet(n);
    }

    void objectDone() {
        objectsDone.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(objectsDone.get(), objects.get(), bytesRead.get(), bytes.get());
    }
}
