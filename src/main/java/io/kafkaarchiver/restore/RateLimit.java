package io.kafkaarchiver.restore;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most so many records per second: a token bucket that holds a tenth of a second's worth, so a
 * restore never bursts far above its rate. The clock and the sleep are handed in, for tests.
 */
public final class RateLimit {

    /** Waits; {@link Thread#sleep} in real use. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final RateLimit NONE = new RateLimit(0, System::nanoTime, nanos -> { });

    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    RateLimit(long perSecond, LongSupplier nanoClock, Sleeper sleeper) {
        this.tokensPerNano = perSecond / 1e9;
        this.capacity = Math.max(1, perSecond / 10.0);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    /** @param perSecond records per second; 0 for no limit */
    public static RateLimit perSecond(long perSecond) {
        return perSecond <= 0 ? NONE : new RateLimit(perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** Returns when one more record may go. */
    public void acquire() throws InterruptedException {
        if (tokensPerNano == 0) {
            return;
        }
        refill();
        while (tokens < 1) {
            sleeper.sleep((long) Math.ceil((1 - tokens) / tokensPerNano));
            refill();
        }
        tokens -= 1;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
        last = now;
    }
}
