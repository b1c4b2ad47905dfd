package io.kafkaarchiver.mak;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a completed MAK file becomes its object: compressed (gzip, zstd) or not, or made into a Parquet object
 * ({@link #PARQUET}, {@code io.kafkaarchiver.parquet}), which is no compression of the MAK bytes and is not read as
 * a MAK stream. Readers recognise each by its magic bytes, not by the file name.
 */
public enum Compression {
    NONE("none", "", new byte[0]),
    GZIP("gzip", ".gz", new byte[] {0x1f, (byte) 0x8b}),
    ZSTD("zstd", ".zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
    /** A Parquet file made from the MAK file's records: {@code archive.format=parquet}. */
    PARQUET("parquet", ".parquet", new byte[] {'P', 'A', 'R', '1'});

    /** What {@code archive.compression} accepts: the compressions of MAK bytes. */
    private static final Compression[] SETTINGS = {NONE, GZIP, ZSTD};

    private static final int BUFFER = 1 << 16;

    private final String settingName;
    private final String suffix;
    private final byte[] magic;

    Compression(String settingName, String suffix, byte[] magic) {
        this.settingName = settingName;
        this.suffix = suffix;
        this.magic = magic;
    }

    public String settingName() {
        return settingName;
    }

    /** What a compressed file's name ends with after {@code .mak}. */
    public String suffix() {
        return suffix;
    }

    /** A compression of MAK bytes, as {@code archive.compression} names it: none, gzip or zstd. */
    public static Compression fromSettingName(String name) {
        for (Compression c : SETTINGS) {
            if (c.settingName.equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' (accepted: "
                + Arrays.stream(SETTINGS).map(Compression::settingName).collect(Collectors.joining(", ")) + ")");
    }

    /** The compression a file name asks for: {@code .gz}, {@code .zst}, {@code .parquet}, or none. */
    public static Compression forFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c != NONE && lower.endsWith(c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case ZSTD -> new ZstdOutputStream(out);
            case PARQUET -> throw new UnsupportedOperationException("a Parquet object is made by io.kafkaarchiver.parquet, not by compressing MAK bytes");
        };
    }

    /** @throws IOException for a Parquet object, which is no MAK stream (io.kafkaarchiver.parquet reads it) */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
            case PARQUET -> throw new IOException("a Parquet object, not a MAK file (read it with the archive's readers: mak cat, restore, verify)");
        };
    }

    /** The compression a stream's first bytes announce; the stream is left where it was. */
    public static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        for (Compression c : values()) {
            if (c != NONE && head.length >= c.magic.length && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        return NONE;
    }
}
