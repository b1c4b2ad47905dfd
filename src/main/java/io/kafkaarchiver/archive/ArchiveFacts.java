package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a completed MAK file holds: its header and figures (from the commit slot for v2; by a scan for v1). For a
 * Parquet object made from one: the records' version (v2), the MAK header its footer keeps, and its records' figures.
 */
public record ArchiveFacts(MakVersion version, MakFileHeader header, MakSummary summary) {

    public static ArchiveFacts of(Path file) throws IOException {
        try (MakReader reader = MakReader.open(file)) {
            MakSummary summary = reader.summary().isPresent() ? reader.summary().get() : reader.scan();
            return new ArchiveFacts(reader.version(), reader.header(), summary);
        }
    }

    /**
     * As {@link #of}, every record read and checked on the way (to the end of a compressed stream): a damaged file fails
     * here. Reads an object of either format, MAK or Parquet.
     */
    static ArchiveFacts checked(Path file) throws IOException {
        try (RecordSource reader = ArchiveObjects.open(file)) {
            return new ArchiveFacts(reader.version(), reader.header(), reader.scan());
        }
    }
}
