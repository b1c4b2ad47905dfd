package io.kafkaarchiver.parquet;

import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.RecordSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

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

    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    private static final int BUFFER = 1 << 16;

    private ArchiveObjects() {
    }

    /** Opens a file on this machine's disk. */
    public static RecordSource open(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PARQUET_MAGIC.length);
        }
        return isParquet(head) ? ParquetRecordReader.open(file) : MakReader.open(file);
    }

    /**
     * Opens a stream of an object (from S3, say), which is closed with the reader; {@code source} names it in errors.
     * A Parquet object is read to its end into a temporary file before its first record.
     */
    public static RecordSource open(InputStream stream, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, BUFFER);
        try {
            in.mark(PARQUET_MAGIC.length);
            byte[] head = in.readNBytes(PARQUET_MAGIC.length);
            in.reset();
            if (!isParquet(head)) {
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

    /** True for a Parquet object's first bytes. */
    public static boolean isParquet(byte[] head) {
        return head.length >= PARQUET_MAGIC.length && Arrays.equals(head, 0, PARQUET_MAGIC.length, PARQUET_MAGIC, 0, PARQUET_MAGIC.length);
    }
}
