package io.kafkaarchiver.demo;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition, checking it every so often, until a deadline. */
public final class Deadline {

    private Deadline() {
    }

    /** @throws IllegalStateException naming {@code what} when the condition is still false at the deadline */
    public static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 250);
        }
    }
}
