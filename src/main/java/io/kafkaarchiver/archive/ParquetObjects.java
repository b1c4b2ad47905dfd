package io.kafkaarchiver.archive;

import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ParquetObjectWriter;
import io.kafkaarchiver.parquet.ParquetOptions;
import io.kafkaarchiver.parquet.RecordSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Makes a Parquet object of every record of a MAK file or object, its footer carrying the object's {@code mak-*} figures. */
public final class ParquetObjects {

    private ParquetObjects() {
    }

    /** As {@link #convert(RecordSource, Path, ParquetOptions, Optional)}, of a MAK file on this machine's disk (any version, plain or compressed). */
    public static ArchiveFacts convert(Path makFile, Path target, ParquetOptions options, Optional<String> topicId) throws IOException {
        try (MakReader reader = MakReader.open(makFile)) {
            return convert(reader, target, options, topicId);
        }
    }

    /**
     * Writes every record {@code source} has left as a Parquet object at {@code target} (replaced if there); the
     * caller closes the source.
     *
     * @param topicId the topic's id in the life the records are of, for the footer; empty when unknown
     * @return what the object holds: the source's version and header, and the records' figures
     */
    public static ArchiveFacts convert(RecordSource source, Path target, ParquetOptions options, Optional<String> topicId) throws IOException {
        try (ParquetObjectWriter writer = ParquetObjectWriter.create(target, options, source.header())) {
            MakRecord first = source.next();
            for (MakRecord r = first; r != null; r = source.next()) {
                writer.write(r);
            }
            writer.finish(ObjectMetadata.of(source.header(), writer.summary(), RecordSchema.FORMAT, options.codec().settingName(), topicId,
                    Optional.empty()));
            return new ArchiveFacts(source.version(), source.header(), writer.summary(), first == null ? MakRecord.NO_TIMESTAMP : first.timestamp());
        }
    }
}
