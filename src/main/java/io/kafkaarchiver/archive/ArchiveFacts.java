package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.nio.file.Path;

/** What a completed MAK file holds: its header and figures (from the commit slot for v2; by a scan for v1). */
public record ArchiveFacts(MakVersion version, MakFileHeader header, MakSummary summary) {

    public static ArchiveFacts of(Path file) throws IOException {
        try (MakReader reader = MakReader.open(file)) {
            MakSummary summary = reader.summary().orElse(null);
            if (summary == null) {
                summary = MakSummary.EMPTY;
                for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                    summary = summary.plus(r);
                }
            }
            return new ArchiveFacts(reader.version(), reader.header(), summary);
        }
    }
}
