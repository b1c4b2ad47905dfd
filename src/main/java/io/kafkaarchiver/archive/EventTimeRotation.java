package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code archive.rotate.event-time}: the UTC hour or day of the records' own timestamps a file keeps to. A file's
 * bucket is its first record's; a record with a timestamp in another bucket (later, or late: earlier) completes the
 * file and opens the next. A record with no timestamp stays in the file open for it; one that opens a file puts that
 * file in the bucket of time 0 (1970-01-01, hour 00), so its key says so, and the next record with a timestamp opens
 * another.
 */
public enum EventTimeRotation {
    /** Files are not kept to a bucket. */
    NONE(0, null),
    HOUR(3_600_000L, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'h'").withZone(ZoneOffset.UTC)),
    DAY(86_400_000L, DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC));

    private final long millis;
    private final DateTimeFormatter label;

    EventTimeRotation(long millis, DateTimeFormatter label) {
        this.millis = millis;
        this.label = label;
    }

    /** As the setting names it: {@code none}, {@code hour} or {@code day}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventTimeRotation fromSettingName(String name) {
        for (EventTimeRotation r : values()) {
            if (r.settingName().equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + name.trim() + "' is not one of: "
                + Arrays.stream(values()).map(EventTimeRotation::settingName).collect(Collectors.joining(", ")));
    }

    /** The start of the bucket of {@code timestamp} (epoch ms), as epoch ms; 0 for {@link MakRecord#NO_TIMESTAMP}. */
    long bucketOf(long timestamp) {
        return timestamp < 0 ? 0 : Math.floorDiv(timestamp, millis) * millis;
    }

    /**
     * Why a file whose first record has {@code firstTimestamp} is complete before {@code next} is appended: {@code next}
     * has a timestamp in another bucket. Null while it belongs in the file (the same bucket, or no timestamp).
     */
    String reasonBefore(long firstTimestamp, MakRecord next) {
        if (this == NONE || !next.hasTimestamp()) {
            return null;
        }
        long file = bucketOf(firstTimestamp);
        long record = bucketOf(next.timestamp());
        if (record == file) {
            return null;
        }
        return "offset " + next.offset() + " is of " + label(record) + (record < file ? " (late)" : "") + ", the file of " + label(file)
                + " (archive.rotate.event-time " + settingName() + ")";
    }

    /** {@code 2026-12-04T10h} for an hour, {@code 2026-12-04} for a day. */
    String label(long bucket) {
        return label.format(Instant.ofEpochMilli(bucket));
    }
}
