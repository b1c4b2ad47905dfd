package io.kafkaarchiver.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a restore shows while it runs, on a clock the test moves. */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final List<String> printed = new ArrayList<>();

    @Test
    void plainLinesComeEveryFewSecondsWithRateAndTimeLeft() {
        Progress progress = Progress.inLines(printed::add, now::get);
        progress.start(10_000);
        for (int second = 1; second <= 10; second++) {
            now.addAndGet(SECOND);
            progress.add(500, 500_000);
        }
        assertThat(printed).containsExactly(
                "restored 2,500 of ~10,000 records  0.5 MB/s  ETA 0:15",
                "restored 5,000 of ~10,000 records  0.5 MB/s  ETA 0:10");
        assertThat(progress.records()).isEqualTo(5000);
        assertThat(progress.bytes()).isEqualTo(5_000_000);
        assertThat(progress.seconds()).isEqualTo(10.0);
    }

    @Test
    void onATerminalOneLineIsRewrittenAndEndedAtTheFinish() {
        Progress progress = Progress.onTerminal(printed::add, now::get);
        progress.start(3600 * 100 + 100);
        now.addAndGet(SECOND / 10);
        progress.add(10, 0);
        now.addAndGet(SECOND);
        progress.add(100, 2_200_000);
        progress.finish();
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0)).isEqualTo("\rrestored 110 of ~360,100 records  2.0 MB/s  ETA 1:00:00   ");
        assertThat(printed.get(1)).isEqualTo(System.lineSeparator());
    }

    @Test
    void nothingShownNothingToEnd() {
        Progress progress = Progress.onTerminal(printed::add, now::get);
        progress.start(10);
        progress.add(10, 10);
        progress.finish();
        assertThat(printed).isEmpty();
    }
}
