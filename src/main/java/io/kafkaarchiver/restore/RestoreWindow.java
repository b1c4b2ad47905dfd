package io.kafkaarchiver.restore;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.mak.MakRecord;
import java.time.Instant;

/**
 * Which records of each partition a restore takes: offsets from {@code fromOffset} to {@code toOffset}
 * (both included), and, when bounded in time, record timestamps from {@code fromTime} (included) to
 * {@code toTime} (excluded), in epoch milliseconds.
 */
public record RestoreWindow(long fromOffset, long toOffset, long fromTime, long toTime) {

    public static final RestoreWindow ALL = new RestoreWindow(0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);

    public RestoreWindow {
        if (fromOffset < 0) {
            throw RestoreException.badRequest("from-offset " + fromOffset + " is negative");
        }
        if (fromOffset > toOffset) {
            throw RestoreException.badRequest("from-offset " + fromOffset + " is after to-offset " + toOffset + ": the window holds no records");
        }
        if (fromTime >= toTime) {
            throw RestoreException.badRequest("from " + Instant.ofEpochMilli(fromTime) + " is not before to " + Instant.ofEpochMilli(toTime)
                    + ": the window holds no records");
        }
    }

    /** A window from optional bounds, as the command line and the route give them (null: unbounded). */
    public static RestoreWindow of(Long fromOffset, Long toOffset, Instant from, Instant to) {
        return new RestoreWindow(fromOffset == null ? ALL.fromOffset : fromOffset, toOffset == null ? ALL.toOffset : toOffset,
                from == null ? ALL.fromTime : from.toEpochMilli(), to == null ? ALL.toTime : to.toEpochMilli());
    }

    public boolean timeBounded() {
        return fromTime != ALL.fromTime || toTime != ALL.toTime;
    }

    public boolean includes(MakRecord r) {
        return r.offset() >= fromOffset && r.offset() <= toOffset
                && (!timeBounded() || r.hasTimestamp() && r.timestamp() >= fromTime && r.timestamp() < toTime);
    }

    /** True when the object may hold records of this window, by its metadata. */
    public boolean overlaps(ArchivedObject o) {
        return o.endOffset() >= fromOffset && o.startOffset() <= toOffset
                && (!timeBounded() || o.holdsTimesBetween(fromTime, toTime));
    }

    @Override
    public String toString() {
        String offsets = "offsets " + fromOffset + ".." + (toOffset == ALL.toOffset ? "" : toOffset);
        if (!timeBounded()) {
            return offsets;
        }
        return offsets + ", times " + (fromTime == ALL.fromTime ? "" : Instant.ofEpochMilli(fromTime)) + ".."
                + (toTime == ALL.toTime ? "" : Instant.ofEpochMilli(toTime) + " (excluded)");
    }
}
