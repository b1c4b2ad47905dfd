package io.kafkaarchiver.parquet;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the archiver writes a Parquet object: the compression of its pages ({@code archive.parquet.compression}) and
 * the size its row groups are cut at ({@code archive.parquet.row-group-size}).
 *
 * @param rowGroupSize the compressed bytes a row group is cut at (approximately: it ends at the record that reaches
 *                     it). It is also what a writer holds in memory at most, per object being made.
 *
 * <p>Plain Java, no Parquet class: settings are checked where parquet-java is absent too (a Karaf runtime).
 */
public record ParquetOptions(Codec codec, long rowGroupSize) {

    /** Half of the 128 MB that Spark and Hive split files at: a split never cuts a row group in two, and a writer holds little. */
    public static final long DEFAULT_ROW_GROUP_SIZE = 64L << 20;
    /** Pages of 1 MB, parquet-java's own default: a reader decompresses one at a time. */
    static final int PAGE_SIZE = 1 << 20;

    public static final ParquetOptions DEFAULTS = new ParquetOptions(Codec.ZSTD, DEFAULT_ROW_GROUP_SIZE);

    public ParquetOptions {
        if (rowGroupSize <= 0) {
            throw new IllegalArgumentException("the row group size must be more than 0");
        }
    }

    /** The page compressions the archiver writes (and reads), named as the setting names them ({@link PageCodecs} maps them to Parquet's). */
    public enum Codec {
        ZSTD("zstd"),
        GZIP("gzip"),
        SNAPPY("snappy"),
        NONE("none");

        private final String settingName;

        Codec(String settingName) {
            this.settingName = settingName;
        }

        public String settingName() {
            return settingName;
        }

        public static Codec fromSettingName(String name) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (Codec c : values()) {
                if (c.settingName.equals(wanted)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown Parquet page compression '" + name + "' (accepted: "
                    + Arrays.stream(values()).map(Codec::settingName).collect(Collectors.joining(", ")) + ")");
        }
    }
}
