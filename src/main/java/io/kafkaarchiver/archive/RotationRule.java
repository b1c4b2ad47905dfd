package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One reason an in-progress file is complete, with the setting it comes from; the age rule also sets the file's deadline.
 * Most rules look at the file after each record is appended; the event-time rule looks at the next record before it is.
 */
sealed interface RotationRule {

    /**
     * An in-progress file as the rules see it.
     *
     * @param firstTimestamp its first record's timestamp ({@link MakRecord#NO_TIMESTAMP} for none, or no record)
     */
    record OpenFile(long bytes, long records, Instant openedAt, long firstTimestamp) {
    }

    /** Why {@code file} rotates now by this rule; empty while it may stay open. */
    Optional<String> reason(OpenFile file, Instant now);

    /** Why {@code file} is complete before {@code next} is appended to it, {@code next} then opening the next file; empty while it belongs there. */
    default Optional<String> reasonBefore(OpenFile file, MakRecord next) {
        return Optional.empty();
    }

    /** When a file opened at {@code openedAt} is due by this rule, written to or not; empty for a rule only writes set off. */
    default Optional<Instant> deadline(Instant openedAt) {
        return Optional.empty();
    }

    /** {@code "<value> <unit> (<setting> <max>)"} once {@code value} reaches {@code max}. */
    private static Optional<String> reached(long value, long max, String unit, String setting) {
        return value >= max ? Optional.of(value + " " + unit + " (" + setting + " " + max + ")") : Optional.empty();
    }

    /** {@code archive.rotate.max-records}: the file holds enough records. */
    record MaxRecords(long max) implements RotationRule {
        @Override
        public Optional<String> reason(OpenFile file, Instant now) {
            return reached(file.records(), max, "records", "archive.rotate.max-records");
        }
    }

    /** {@code archive.rotate.max-bytes}: the file is big enough. */
    record MaxBytes(long max) implements RotationRule {
        @Override
        public Optional<String> reason(OpenFile file, Instant now) {
            return reached(file.bytes(), max, "bytes", "archive.rotate.max-bytes");
        }
    }

    /** {@code archive.rotate.max-age}: the file has been open long enough; an empty one stays open until its deadline. */
    record MaxAge(Duration max) implements RotationRule {
        @Override
        public Optional<String> reason(OpenFile file, Instant now) {
            Duration age = Duration.between(file.openedAt(), now);
            return file.records() > 0 && age.compareTo(max) >= 0 ? Optional.of(atDeadline(file.openedAt(), now)) : Optional.empty();
        }

        @Override
        public Optional<Instant> deadline(Instant openedAt) {
            return Optional.of(openedAt.plus(max));
        }

        /** Why a file opened at {@code openedAt} rotates when its deadline fires at {@code now}. */
        String atDeadline(Instant openedAt, Instant now) {
            return "open " + Duration.between(openedAt, now).toSeconds() + "s (archive.rotate.max-age " + max + ")";
        }
    }

    /**
     * {@code archive.rotate.event-time}: a record whose timestamp is in another UTC hour or day than the file's first
     * record's ({@link EventTimeRotation}) completes the file, and opens the next one.
     */
    record EventTime(EventTimeRotation unit) implements RotationRule {
        @Override
        public Optional<String> reason(OpenFile file, Instant now) {
            return Optional.empty();
        }

        @Override
        public Optional<String> reasonBefore(OpenFile file, MakRecord next) {
            return file.records() == 0 ? Optional.empty() : Optional.ofNullable(unit.reasonBefore(file.firstTimestamp(), next));
        }
    }
}
