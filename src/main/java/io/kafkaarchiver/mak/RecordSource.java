package io.kafkaarchiver.mak;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records of one archive file or object, whatever its format: a MAK file ({@link MakReader}) or a Parquet
 * object ({@code io.kafkaarchiver.parquet}). Records come in the order they were written (offset order), each
 * checked as it is read; damage is a {@link MakFormatException}.
 */
public interface RecordSource extends Closeable {

    /**
     * The MAK version the records are as lossless as: {@link MakVersion#V1} drops nulls, timestamps and headers,
     * {@link MakVersion#V2} keeps all (a Parquet object keeps what MAK v2 keeps).
     */
    MakVersion version();

    /** Where the records come from, and when their file was started. */
    MakFileHeader header();

    /** @return the next record, or null after the last one */
    MakRecord next() throws IOException;

    /** Reads every remaining record, checking each, and adds them up. */
    default MakSummary scan() throws IOException {
        MakSummary summary = MakSummary.EMPTY;
        for (MakRecord r = next(); r != null; r = next()) {
            summary = summary.plus(r);
        }
        return summary;
    }
}
