package io.kafkaarchiver.restore;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** --max-rate: records go no faster than asked, measured on a clock the test moves. */
class RateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();

    private RateLimit limit(long perSecond) {
        return new RateLimit(perSecond, now::get, nanos -> {
            slept.addAndGet(nanos);
            now.addAndGet(nanos);
        });
    }

    @Test
    void aThousandRecordsAtAHundredASecondTakeTenSecondsLessTheSmallBurst() throws InterruptedException {
        RateLimit limit = limit(100);
        for (int i = 0; i < 1000; i++) {
            limit.acquire();
        }
        // A tenth of a second's worth (10 records) may go at once; the other 990 wait their turn.
        assertThat(slept.get() / 1e9).isBetween(9.89, 9.91);
    }

    @Test
    void timeSpentElsewhereCountsButDoesNotBuildUpABurst() throws InterruptedException {
        RateLimit limit = limit(100);
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 10; i++) {
            limit.acquire();
        }
        assertThat(slept.get()).isZero();
        limit.acquire();
        assertThat(slept.get()).isBetween(9_000_000L, 11_000_000L);
    }

    @Test
    void noLimitNeverWaits() throws InterruptedException {
        RateLimit none = limit(0);
        for (int i = 0; i < 100_000; i++) {
            none.acquire();
        }
        assertThat(slept.get()).isZero();
    }
}
