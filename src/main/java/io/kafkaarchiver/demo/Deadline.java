package io.kafkaarchiver.demo;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Waits for a condition, checking it every so often, until a deadline. */
public final class Deadline {

    private static final long MOST_PAUSE_MILLIS = 250;

    private Deadline() {
    }

    /** @throws IllegalStateException naming {@code what} when the condition is still false at the deadline */
    public static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        if (!within(timeout, Duration.ofMillis(MOST_PAUSE_MILLIS), condition)) {
            throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
        }
    }

    /**
     * Checks the condition, soon at first, then at most every {@code every} (a condition that costs something, such
     * as a listing, is checked seldom), until it is true or {@code timeout} has passed.
     *
     * @return whether it came true
     */
    public static boolean within(Duration timeout, Duration every, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        long pause = Math.min(10, every.toMillis());
        while (!condition.call()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1)));
            pause = Math.min(pause * 2, every.toMillis());
        }
        return true;
    }

    /** Waits for a moment on the monotonic clock ({@link System#nanoTime}): a scenario's own time, such as a latency or an outage's length. */
    public static void until(long nanoTime) throws Exception {
        within(Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime())), Duration.ofSeconds(1), () -> System.nanoTime() - nanoTime >= 0);
    }
}
