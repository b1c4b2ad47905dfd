package io.kafkaarchiver.mak;

/**
 * What a MAK file holds, in figures: record count, offset range and timestamp range. Offsets and
 * timestamps are {@link #NONE} while there is nothing to report (no records, no timestamps).
 */
public record MakSummary(long recordCount, long firstOffset, long lastOffset, long minTimestamp, long maxTimestamp) {

    public static final long NONE = -1L;
    public static final MakSummary EMPTY = new MakSummary(0, NONE, NONE, NONE, NONE);

    public MakSummary plus(MakRecord record) {
        long ts = record.timestamp();
        boolean timed = record.hasTimestamp();
        return new MakSummary(
                recordCount + 1,
                recordCount == 0 ? record.offset() : firstOffset,
                record.offset(),
                timed && (minTimestamp == NONE || ts < minTimestamp) ? ts : minTimestamp,
                timed && ts > maxTimestamp ? ts : maxTimestamp);
    }

    public boolean isEmpty() {
        return recordCount == 0;
    }
}
