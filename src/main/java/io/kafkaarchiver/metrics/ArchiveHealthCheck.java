package io.kafkaarchiver.metrics;

import io.kafkaarchiver.archive.Ledger;
import io.kafkaarchiver.archive.StalledPartitions;
import io.kafkaarchiver.archive.StoreStanding;
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
 * managed to write, or a file has waited in quarantine, for longer than {@code archive.health.max-stall};
 * and DOWN at once, naming the setting, while the store refuses the archive. Liveness is left alone: the
 * archiver recovers from all of them by itself (a refusal once the setting or the store is put right), and a
 * restart would not help.
 */
public final class ArchiveHealthCheck extends AbstractHealthCheck {

    /** How many problems the message names; the rest are counted. */
    private static final int SAID = 5;

    private final Ledger ledger;
    private final StalledPartitions stalls;
    private final StoreStanding store;
    private final Duration maxStall;
    private final Clock clock;

    public ArchiveHealthCheck(Ledger ledger, StalledPartitions stalls, StoreStanding store, Duration maxStall, Clock clock) {
        super("kafka-archiver", "archive");
        this.ledger = ledger;
        this.stalls = stalls;
        this.store = store;
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
        List<String> said = new ArrayList<>();
        store.refusal().ifPresent(r -> said.add("The store refuses uploads since " + r.since() + ": bad setting " + r.setting() + ": " + r.said()));
        if (!problems.isEmpty()) {
            problems.sort(null);
            said.add(String.join("; ", problems.subList(0, Math.min(SAID, problems.size())))
                    + (problems.size() > SAID ? "; and " + (problems.size() - SAID) + " more" : "")
                    + " (longer than archive.health.max-stall, " + maxStall + ")");
        }
        if (said.isEmpty()) {
            builder.up();
            return;
        }
        builder.message(String.join("; ", said)).down();
    }
}
