package io.kafkaarchiver.archive;

import io.kafkaarchiver.archive.RotationRule.MaxAge;
import io.kafkaarchiver.archive.RotationRule.MaxBytes;
import io.kafkaarchiver.archive.RotationRule.MaxRecords;
import io.kafkaarchiver.archive.RotationRule.OpenFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When an in-progress file is complete: full enough, big enough, or old enough, by the first of its rules that says so. */
public final class RotationPolicy {

    private final MaxAge maxAge;
    /** In the order their reasons are given when several hold at once. */
    private final List<RotationRule> rules;

    public RotationPolicy(Duration maxAge, long maxBytes, long maxRecords) {
        this.maxAge = new MaxAge(maxAge);
        this.rules = List.of(new MaxRecords(maxRecords), new MaxBytes(maxBytes), this.maxAge);
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
