package io.kafkaarchiver.archive;

import io.kafkaarchiver.archive.RotationRule.EventTime;
import io.kafkaarchiver.archive.RotationRule.MaxAge;
import io.kafkaarchiver.archive.RotationRule.MaxBytes;
import io.kafkaarchiver.archive.RotationRule.MaxRecords;
import io.kafkaarchiver.archive.RotationRule.OpenFile;
import io.kafkaarchiver.mak.MakRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When an in-progress file is complete: full enough, big enough, or old enough, by the first of its rules that says so;
 * or, with {@code archive.rotate.event-time}, before a record of another hour or day than its first.
 */
public final class RotationPolicy {

    private final MaxAge maxAge;
    /** In the order their reasons are given when several hold at once. */
    private final List<RotationRule> rules;
    /** The rules asked before each record is appended; empty without {@code archive.rotate.event-time}. */
    private final List<RotationRule> beforeRules;

    public RotationPolicy(Duration maxAge, long maxBytes, long maxRecords) {
        this(maxAge, maxBytes, maxRecords, EventTimeRotation.NONE);
    }

    public RotationPolicy(Duration maxAge, long maxBytes, long maxRecords, EventTimeRotation eventTime) {
        this.maxAge = new MaxAge(maxAge);
        this.rules = List.of(new MaxRecords(maxRecords), new MaxBytes(maxBytes), this.maxAge);
        this.beforeRules = eventTime == EventTimeRotation.NONE ? List.of() : List.of(new EventTime(eventTime));
    }

    /** True when a file may be complete before a record is appended to it ({@link #reasonToRotateBefore}). */
    boolean looksBeforeAppending() {
        return !beforeRules.isEmpty();
    }

    /** @return why the file is complete before {@code next} is appended (which then opens the next file), or null when it belongs there */
    String reasonToRotateBefore(OpenFile file, MakRecord next) {
        for (RotationRule rule : beforeRules) {
            Optional<String> reason = rule.reasonBefore(file, next);
            if (reason.isPresent()) {
                return reason.get();
            }
        }
        return null;
    }

    /** @return why the file should rotate now, or null while it should stay open */
    String reasonToRotate(OpenFile file, Instant now) {
        // Asked after every record appended: a loop, not a stream.
        for (RotationRule rule : rules) {
            Optional<String> reason = rule.reason(file, now);
            if (reason.isPresent()) {
                return reason.get();
            }
        }
        return null;
    }

    /** When a file opened at {@code openedAt} is due, whatever is written to it: the earliest of its rules' deadlines. */
    Instant deadline(Instant openedAt) {
        return rules.stream().map(rule -> rule.deadline(openedAt)).flatMap(Optional::stream).min(Instant::compareTo).orElse(Instant.MAX);
    }

    /** Why a file opened at {@code openedAt} rotates when its deadline fires at {@code now}. */
    String reasonAtDeadline(Instant openedAt, Instant now) {
        return maxAge.atDeadline(openedAt, now);
    }
}
