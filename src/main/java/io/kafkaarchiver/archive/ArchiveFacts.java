package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a completed MAK file holds: its header and figures (from the commit slot for v2; by a scan for v1), and its first
 * record's timestamp, which names its event-time bucket ({@code {date}} and {@code {hour}} in object keys). All of it is
 * read from the file itself, so a restart finds the same facts, and the same key, as the run that wrote it. For a
 * Parquet object made from one: the records' version (v2), the MAK header its footer keeps, and its records' figures.
 *
 * @param firstTimestamp the first record's timestamp, epoch ms; {@link MakRecord#NO_TIMESTAMP} when it has none (v1)
 *                       or the file no record
 */
public record ArchiveFacts(MakVersion version, MakFileHeader header, MakSummary summary, long firstTimestamp) {

    public static ArchiveFacts of(Path file) throws IOException {
        try (MakReader reader = MakReader.open(file)) {
            MakRecord first = reader.next();
            MakSummary summary = reader.summary().isPresent() ? reader.summary().get() : scanFrom(first, reader);
            return new ArchiveFacts(reader.version(), reader.header(), summary, timestampOf(first));
        }
    }

    /**
     * As {@link #of}, every record read and checked on the way (to the end of a compressed stream): a damaged file fails
     * here. Reads an object of either format, MAK or Parquet.
     */
    static ArchiveFacts checked(Path file) throws IOException {
        try (RecordSource reader = ArchiveObjects.open(file)) {
            MakRecord first = reader.next();
            return new ArchiveFacts(reader.version(), reader.header(), scanFrom(first, reader), timestampOf(first));
        }
    }

    /** The first record's timestamp of a MAK file, plain or compressed, or of a Parquet object; {@link MakRecord#NO_TIMESTAMP} for none. */
    static long firstTimestamp(Path file) throws IOException {
        try (RecordSource reader = ArchiveObjects.open(file)) {
            return timestampOf(reader.next());
        }
    }

    /** Reads and adds up every record from {@code first} on. */
    private static MakSummary scanFrom(MakRecord first, RecordSource reader) throws IOException {
        MakSummary summary = MakSummary.EMPTY;
        for (MakRecord r = first; r != null; r = reader.next()) {
            summary = summary.plus(r);
        }
        return summary;
    }

    private static long timestampOf(MakRecord record) {
        return record == null ? MakRecord.NO_TIMESTAMP : record.timestamp();
    }
}
