package io.kafkaarchiver.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;

/**
 * When the rotate route runs. Camel's scheduler component takes this as its scheduler
 * ({@code scheduler:archive-rotate?scheduler=#rotationSchedule}) and runs the route, one round at a
 * time on a thread of Camel's, the moment the earliest in-progress file is due by age, and every
 * {@code archive.rotate.check-interval} besides. Quartz, which ran the route before, fires a trigger's
 * first time up to 2 ms early and camel-quartz then skips that firing: a trigger moved to each deadline
 * would miss many of them.
 */
public final class RotationSchedule extends ServiceSupport implements ScheduledPollConsumerScheduler {

    /** Rounds are this far apart at least: a deadline a round could not take never makes them run back to back. */
    private static final Duration SPACING = Duration.ofMillis(100);

    private final RotationDeadlines deadlines;
    private final Duration interval;
    private final Clock clock;
    private CamelContext camelContext;
    private Runnable round;
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> next;
    private Instant nextAt;

    public RotationSchedule(RotationDeadlines deadlines, Duration interval, Clock clock) {
        this.deadlines = deadlines;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void onInit(Consumer consumer) {
        // Nothing to set up per consumer: the rounds are the consumer's own poll.
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.round = task;
    }

    @Override
    public synchronized void startScheduler() {
        if (thread == null) {
            thread = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "archive-rotate");
            runAt(clock.instant());
        }
    }

    @Override
    public synchronized boolean isSchedulerStarted() {
        return thread != null;
    }

    @Override
    public synchronized void unscheduleTask() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    @Override
    protected synchronized void doStop() {
        unscheduleTask();
        if (thread != null) {
            camelContext.getExecutorServiceManager().shutdownNow(thread);
            thread = null;
        }
    }

    /** Plans the next round for {@code at}, unless one is planned sooner. */
    private synchronized void runAt(Instant at) {
        if (thread == null || (next != null && !next.isDone() && !at.isBefore(nextAt))) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        nextAt = at;
        next = thread.schedule(this::runRound, Math.max(0, Duration.between(clock.instant(), at).toMillis()), TimeUnit.MILLISECONDS);
        deadlines.firingAt(at, this::runAt);
    }

    private void runRound() {
        try {
            round.run();
        } finally {
            synchronized (this) {
                next = null;
                // Nothing is planned until the next round is: a file added from here on asks for its own, lest it come
                // between the look at the earliest deadline below and the plan made from it, and wait for the next check.
                deadlines.firingAt(Instant.MAX, this::runAt);
            }
            Instant now = clock.instant();
            Instant next = deadlines.earliest().filter(now.plus(interval)::isAfter).orElse(now.plus(interval));
            runAt(next.isBefore(now.plus(SPACING)) ? now.plus(SPACING) : next);
        }
    }
}
