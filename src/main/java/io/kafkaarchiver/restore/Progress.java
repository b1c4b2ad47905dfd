package io.kafkaarchiver.restore;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How far a restore is: records done of those expected, MB/s and the time left. On a terminal one
 * line rewritten in place a few times a second; elsewhere (a log, a pipe) a plain line every few
 * seconds. The clock is handed in, for tests.
 */
public final class Progress {

    private static final Duration TERMINAL_EVERY = Duration.ofMillis(250);
    private static final Duration LINES_EVERY = Duration.ofSeconds(5);

    private final Consumer<String> out;
    private final boolean rewrite;
    private final long everyNanos;
    private final LongSupplier nanoClock;
    private long expected;
    private long records;
    private long bytes;
    private long startNanos;
    private long shownNanos;
    private boolean shown;

    private Progress(Consumer<String> out, boolean rewrite, Duration every, LongSupplier nanoClock) {
        this.out = out;
        this.rewrite = rewrite;
        this.everyNanos = every.toNanos();
        this.nanoClock = nanoClock;
    }

    /** One line rewritten in place ({@code \r}): for a terminal. */
    public static Progress onTerminal(Consumer<String> print, LongSupplier nanoClock) {
        return new Progress(print, true, TERMINAL_EVERY, nanoClock);
    }

    /** A line every few seconds, each handed to {@code println}: for a log or a pipe. */
    public static Progress inLines(Consumer<String> println, LongSupplier nanoClock) {
        return new Progress(println, false, LINES_EVERY, nanoClock);
    }

    /** @param expectedRecords at most how many records the restore writes (the plan's estimate) */
    public void start(long expectedRecords) {
        expected = expectedRecords;
        startNanos = nanoClock.getAsLong();
        shownNanos = startNanos;
    }

    public void add(long addedRecords, long addedBytes) {
        records += addedRecords;
        bytes += addedBytes;
        long now = nanoClock.getAsLong();
        if (now - shownNanos >= everyNanos) {
            shownNanos = now;
            shown = true;
            out.accept(rewrite ? "\r" + line(now) + "   " : line(now));
        }
    }

    /** Ends the rewritten line, so what is printed next starts on a line of its own. */
    public void finish() {
        if (rewrite && shown) {
            out.accept(System.lineSeparator());
        }
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    public double seconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        double perSecond = seconds > 0 ? records / seconds : 0;
        long left = Math.max(0, expected - records);
        String eta = perSecond > 0 ? clock(Math.round(left / perSecond)) : "?";
        return String.format(Locale.ROOT, "restored %,d of ~%,d records  %.1f MB/s  ETA %s",
                records, expected, seconds > 0 ? bytes / 1e6 / seconds : 0, eta);
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
