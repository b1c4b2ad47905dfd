package io.kafkaarchiver.consumer;

import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * The time a hand-off may hold a rebalance ({@code archive.handoff.budget}). The split of the
 * {@code archive-handoff} route stops waiting when it runs out; its tasks not begun by then leave their
 * files to the stages, so that no upload of a partition that has left outlives the hand-off by more than
 * the few under way.
 */
public final class HandOffBudget {

    /** Exchange property: when the hand-off's budget runs out, on the monotonic clock. */
    public static final String UNTIL = "ArchiveHandOffUntil";

    private final long budgetNanos;

    public HandOffBudget(long budgetMillis) {
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    }

    /** Before the hand-off's tasks are split off: its budget starts now. */
    public void start(Exchange exchange) {
        exchange.setProperty(UNTIL, System.nanoTime() + budgetNanos);
    }

    /** In each task, as it begins: true while the budget lasts. */
    public boolean lasts(Exchange exchange) {
        Long until = exchange.getProperty(UNTIL, Long.class);
        return until == null || System.nanoTime() - until < 0;
    }
}
