package io.kafkaarchiver.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop: parquet-java's own codec factory makes Hadoop's codec classes, so the archiver
 * compresses pages itself, with the libraries it has already: zstd-jni (ZSTD, level 3 as parquet-java's default),
 * java.util.zip (GZIP, a gzip member per page as the format says, level 6), snappy-java (SNAPPY, raw blocks), or
 * none. Other codecs (LZ4, LZO, Brotli) are refused: the archiver never writes them.
 */
final class PageCodecs implements CompressionCodecFactory {

    static final PageCodecs INSTANCE = new PageCodecs();

    private static final int ZSTD_LEVEL = 3;

    private PageCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(codec);
    }

    @Override
    public void release() {
        // Nothing is pooled.
    }

    /** Parquet's name of a codec the archiver writes. */
    static CompressionCodecName parquetName(ParquetOptions.Codec codec) {
        return switch (codec) {
            case ZSTD -> CompressionCodecName.ZSTD;
            case GZIP -> CompressionCodecName.GZIP;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case NONE -> CompressionCodecName.UNCOMPRESSED;
        };
    }

    /** The codec of a Parquet file's column chunk, as the setting names it; Parquet's own name, lower case, for one the archiver does not write. */
    static String settingName(CompressionCodecName codec) {
        for (ParquetOptions.Codec c : ParquetOptions.Codec.values()) {
            if (parquetName(c) == codec) {
                return c.settingName();
            }
        }
        return codec.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static IOException unsupported(CompressionCodecName codec) {
        return new IOException("pages compressed with " + codec + ", which the archiver does not read (it writes "
                + "ZSTD, GZIP, SNAPPY or UNCOMPRESSED)");
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return switch (codec) {
                case UNCOMPRESSED -> bytes;
                case ZSTD -> BytesInput.from(Zstd.compress(bytes.toByteArray(), ZSTD_LEVEL));
                case SNAPPY -> BytesInput.from(Snappy.compress(bytes.toByteArray()));
                case GZIP -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, bytes.size() / 3 + 64));
                    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
                        bytes.writeAllTo(gzip);
                    }
                    yield BytesInput.from(out);
                }
                default -> throw new IOException("the archiver does not write pages compressed with " + codec);
            };
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // Nothing is held.
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(decompress(in, uncompressedSize));
        }

        private byte[] decompress(byte[] in, int uncompressedSize) throws IOException {
            byte[] out = switch (codec) {
                case UNCOMPRESSED -> in;
                case ZSTD -> {
                    try {
                        yield Zstd.decompress(in, uncompressedSize);
                    } catch (RuntimeException e) {
                        throw new IOException("a ZSTD page that does not decompress: " + e.getMessage(), e);
                    }
                }
                case SNAPPY -> Snappy.uncompress(in);
                case GZIP -> {
                    try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(in), 1 << 16)) {
                        yield gzip.readNBytes(uncompressedSize);
                    }
                }
                default -> throw unsupported(codec);
            };
            if (out.length != uncompressedSize) {
                throw new IOException("a " + codec + " page of " + out.length + " bytes decompressed, where its header says "
                        + uncompressedSize);
            }
            return out;
        }

        @Override
        public void release() {
            // Nothing is held.
        }
    }
}
