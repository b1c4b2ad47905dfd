package io.kafkaarchiver.cli;

import io.kafkaarchiver.verify.CheckProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** While {@code verify} downloads the archive, a line on stderr every few seconds: objects and bytes done, and how fast. */
final class ProgressLines implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer;

    private ProgressLines(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ProgressLines start(PrintStream err, CheckProgress progress) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "verify-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            CheckProgress.Snapshot s = progress.snapshot();
            if (s.objects() > 0 && s.objectsDone() < s.objects()) {
                err.println(line(s));
            }
        }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return new ProgressLines(timer);
    }

    static String line(CheckProgress.Snapshot s) {
        long millis = s.elapsed().toMillis();
        long perSecond = millis == 0 ? 0 : s.bytesRead() * 1000 / millis;
        return "verify: " + s.objectsDone() + "/" + s.objects() + " objects read, " + ByteCount.of(s.bytesRead())
                + " of " + ByteCount.of(s.bytes()) + ", " + ByteCount.of(perSecond) + "/s";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
