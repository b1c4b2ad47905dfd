package io.kafkaarchiver.parquet;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.RecordSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Opens any object or file of the archive for its records, whatever its format, told by its first bytes: a MAK
 * file (v1 or v2, plain, gzip or zstd) or a Parquet object. One archive may hold both (its format changed, or a
 * topic was converted), and every reader ({@code ls}, {@code verify}, {@code restore}, replay, {@code mak cat})
 * reads both through here.
 *
 * <p>A Parquet object is read from its end (the footer) and by column chunks, so a stream of one (an S3 download)
 * is first copied to a temporary file in {@code java.io.tmpdir}, which is removed when the reader closes (or fails
 * to open). MAK is streamed as it comes.
 */
public final class ArchiveObjects {

    private static final int BUFFER = 1 << 16;

    private ArchiveObjects() {
    }

    /** Opens a file on this machine's disk. */
    public static RecordSource open(Path file) throws IOException {
        boolean parquet;
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 4)) {
            parquet = Compression.detect(in) == Compression.PARQUET;
        }
        return parquet ? ParquetRecordReader.open(file) : MakReader.open(file);
    }

    /**
     * Opens a stream of an object (from S3, say), which is closed with the reader; {@code source} names it in errors.
     * A Parquet object is read to its end into a temporary file before its first record.
     */
    public static RecordSource open(InputStream stream, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, BUFFER);
        try {
            if (Compression.detect(in) != Compression.PARQUET) {
                return MakReader.open(in, source);
            }
            Path copy = Files.createTempFile("kafka-archiver-", ".parquet");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            // The stream, read to its end, is closed with the reader, as a MAK stream is.
            return ParquetRecordReader.open(copy, source, () -> {
                try (in) {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not remove the downloaded copy " + copy + " of " + source, e);
                }
            });
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
