package io.kafkaarchiver.convert;

import io.kafkaarchiver.catalog.ArchivedObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A conversion's progress on one line, at most once a second as objects are done, and once at the end: objects done of
 * all, records, megabytes of the objects read, their rate and the time left at that rate.
 */
public final class ConversionProgress {

    private static final long EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final int objects;
    private final long totalBytes;
    private final long start;
    private long lastLine;
    private int done;
    private long records;
    private long bytes;

    ConversionProgress(PrintStream out, LongSupplier nanoTime, List<TopicConversion.Planned> planned) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.objects = planned.size();
        this.totalBytes = planned.stream().mapToLong(p -> p.source().size()).sum();
        this.start = nanoTime.getAsLong();
        this.lastLine = start;
    }

    public static ConversionProgress to(PrintStream out, List<TopicConversion.Planned> planned) {
        return new ConversionProgress(out, System::nanoTime, planned);
    }

    void objectDone(ArchivedObject o) {
        done++;
        records += o.recordCount();
        bytes += o.size();
        long now = nanoTime.getAsLong();
        if (now - lastLine >= EVERY_NANOS) {
            lastLine = now;
            out.println(line(now));
        }
    }

    /** The last line, whenever the last one was printed. */
    public void finished() {
        out.println(line(nanoTime.getAsLong()));
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = bytes / seconds;
        String eta = rate <= 0 || done == objects ? "-" : format(Duration.ofSeconds(Math.round((totalBytes - bytes) / rate)));
        return String.format("convert: %d/%d objects, %d records, %.1f/%.1f MB, %.1f MB/s, ETA %s",
                done, objects, records, bytes / 1e6, totalBytes / 1e6, rate / 1e6, eta);
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
