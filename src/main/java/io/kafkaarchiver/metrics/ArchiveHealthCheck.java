package io.kafkaarchiver.metrics;

import io.kafkaarchiver.archive.Ledger;
import io.kafkaarchiver.archive.StalledPartitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the archive on {@code /observe/health}: DOWN, naming them, while a partition has not
 * managed to write, or a file has waited in quarantine, for longer than {@code archive.health.max-stall}.
 * Liveness is left alone: the archiver recovers from both by itself, and a restart would not help.
 */
public final class ArchiveHealthCheck extends AbstractHealthCheck {

    /** How many problems the message names; the rest are counted. */
    private static final int SAID = 5;

    private final Ledger ledger;
    private final StalledPartitions stalls;
    private final Duration maxStall;
    private final Clock clock;

    public ArchiveHealthCheck(Ledger ledger, StalledPartitions stalls, Duration maxStall, Clock clock) {
        super("kafka-archiver", "archive");
        this.ledger = ledger;
        this.stalls = stalls;
        this.maxStall = maxStall;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant since = clock.instant().minus(maxStall);
        List<String> problems = new ArrayList<>();
        stalls.troubledSince().forEach((tp, from) -> {
            if (!from.isAfter(since)) {
                problems.add(tp + " has not been written since " + from);
            }
        });
        ledger.quarantined().forEach((file, from) -> {
            if (!from.isAfter(since)) {
                problems.add(file.fileName() + " has waited in quarantine since " + from);
            }
        });
        if (problems.isEmpty()) {
            builder.up();
            return;
        }
        problems.sort(null);
        String named = String.join("; ", problems.subList(0, Math.min(SAID, problems.size())))
                + (problems.size() > SAID ? "; and " + (problems.size() - SAID) + " more" : "");
        builder.message(named + " (longer than archive.health.max-stall, " + maxStall + ")").down();
    }
}
