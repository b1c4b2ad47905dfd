package io.kafkaarchiver.mak;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Streams the records of a MAK file of either version, plain or compressed (gzip, zstd), in a fixed
 * amount of memory. Damage is reported as a {@link MakFormatException}; the end of the records is
 * the file's commit point, never a guess.
 */
public final class MakReader implements RecordSource {

    private static final int BUFFER = 1 << 16;

    private final MakInput input;
    private final MakVersion version;
    private final MakDecoder decoder;

    private MakReader(MakInput input, MakVersion version, MakDecoder decoder) {
        this.input = input;
        this.version = version;
        this.decoder = decoder;
    }

    /** Opens a MAK file, recognising its version and compression from its first bytes. */
    public static MakReader open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * Opens a file a writer left, to find how much of it checks out: a commit point the file cannot hold
     * is noted ({@link #commitPointDamage}) instead of refused, and the records are then read up to the
     * file's size. Only the head (magic, header) must be whole.
     */
    static MakReader openRecovering(Path file) throws IOException {
        return open(file, true);
    }

    private static MakReader open(Path file, boolean recovering) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            Compression compression = makStream(in, file.toString());
            long knownSize = compression == Compression.NONE ? Files.size(file) : Long.MAX_VALUE;
            return open(compression.decompress(in), file.toString(), knownSize, recovering);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads a MAK stream (an S3 object, say), plain or compressed; {@code source} names it in errors. */
    public static MakReader open(InputStream stream, String source) throws IOException {
        // A stream buffered already (ArchiveObjects looked at its first bytes through the buffer) is not buffered twice.
        BufferedInputStream in = stream instanceof BufferedInputStream buffered ? buffered : new BufferedInputStream(stream, BUFFER);
        return open(makStream(in, source).decompress(in), source, Long.MAX_VALUE, false);
    }

    /** The compression of a MAK stream; a Parquet object is refused, naming what reads it. */
    private static Compression makStream(BufferedInputStream in, String source) throws IOException {
        Compression compression = Compression.detect(in);
        if (compression == Compression.PARQUET) {
            throw new MakFormatException(source, "a Parquet object, not a MAK file (the archive's readers read both: "
                    + "io.kafkaarchiver.parquet.ArchiveObjects, mak cat, verify, restore)");
        }
        return compression;
    }

    private static MakReader open(InputStream stream, String source, long knownSize, boolean recovering) throws IOException {
        MakInput input = new MakInput(stream, source, knownSize);
        try {
            byte[] magic = new byte[MakV1Layout.MAGIC_LENGTH];
            input.readFully(magic, "magic");
            if (Arrays.equals(magic, MakV1Layout.MAGIC)) {
                return new MakReader(input, MakVersion.V1, new MakV1Decoder(input, recovering));
            }
            if (Arrays.equals(magic, 0, magic.length, MakV2Layout.MAGIC, 0, magic.length)) {
                byte[] rest = new byte[MakV2Layout.MAGIC_LENGTH - magic.length];
                input.readFully(rest, "magic");
                if (Arrays.equals(rest, 0, rest.length, MakV2Layout.MAGIC, magic.length, MakV2Layout.MAGIC_LENGTH)) {
                    return new MakReader(input, MakVersion.V2, new MakV2Decoder(input, recovering));
                }
            }
            throw input.error(0, "the magic \"MAK\" (v1) or " + HexFormat.ofDelimiter(" ").formatHex(MakV2Layout.MAGIC) + " (v2)",
                    HexFormat.ofDelimiter(" ").formatHex(magic) + " (not a MAK file)");
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    @Override
    public MakVersion version() {
        return version;
    }

    @Override
    public MakFileHeader header() {
        return decoder.header();
    }

    /** Record count, offset and time range without a scan: present for v2 files, empty for v1. */
    public Optional<MakSummary> summary() {
        return decoder.summary();
    }

    /** Size of the MAK bytes up to the commit point (uncompressed). */
    public long endPosition() {
        return decoder.endPosition();
    }

    /** @return the next record, or null after the last one */
    @Override
    public MakRecord next() throws IOException {
        return decoder.next();
    }

    /** Why the commit point could not be used, for a reader opened recovering; null when it is sound. */
    MakFormatException commitPointDamage() {
        return decoder.commitPointDamage();
    }

    /** Bytes read so far: after a record, where the next one starts. */
    long position() {
        return input.position();
    }

    /** The v2 commit sequence a resuming writer continues from. */
    long commitSequence() {
        return decoder instanceof MakV2Decoder v2 ? v2.commitSequence() : 0;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
