package io.kafkaarchiver.parquet;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakFormatException;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.RecordHeader;
import io.kafkaarchiver.mak.RecordSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Reads a Parquet object of {@link RecordSchema} back as the records the MAK reader gives, a row group at a time
 * (what it holds in memory, compressed, with a page per column decompressed), without Hadoop ({@link ParquetFile}). Every page's CRC is checked where the writer kept one (the archiver
 * always does), and each record's partition against the footer's. The header comes from the footer's key-value
 * metadata ({@link ParquetObjectWriter}). Damage, or a file that is not one of the archive's, is a
 * {@link MakFormatException}.
 */
public final class ParquetRecordReader implements RecordSource {

    private final ParquetFile file;
    private final String source;
    private final Runnable cleanup;
    private final MakFileHeader header;
    private final Map<String, String> footer;
    private final MessageColumnIO columnIO;
    private final Records records = new Records();
    private RecordReader<MakRecord> rows;
    private int nextGroup;
    private long rowsLeft;
    private long row;
    private boolean closed;

    private ParquetRecordReader(ParquetFile file, String source, Runnable cleanup) throws MakFormatException {
        this.file = file;
        this.source = source;
        this.cleanup = cleanup;
        this.footer = file.keyValueMetadata();
        this.header = header(footer, source);
        try {
            this.columnIO = new ColumnIOFactory(false).getColumnIO(RecordSchema.SCHEMA, file.schema());
        } catch (RuntimeException e) {
            throw new MakFormatException(source, "a Parquet object of the archive's schema, found another: " + e.getMessage());
        }
    }

    /** Opens a Parquet object on this machine's disk. */
    public static ParquetRecordReader open(Path file) throws IOException {
        return open(file, file.toString(), () -> { });
    }

    /**
     * Opens a Parquet object kept in {@code file} for {@code source} (an S3 key, say), which errors name.
     *
     * @param cleanup run once when the reader closes, or when it cannot be opened (removes a downloaded copy)
     */
    static ParquetRecordReader open(Path file, String source, Runnable cleanup) throws IOException {
        ParquetFile parquet = null;
        try {
            parquet = ParquetFile.open(file);
            return new ParquetRecordReader(parquet, source, cleanup);
        } catch (IOException | RuntimeException e) {
            try {
                if (parquet != null) {
                    parquet.close();
                }
            } finally {
                cleanup.run();
            }
            throw damage(source, "its footer", e);
        }
    }

    /** The header the footer records; a footer without it is not one the archiver wrote. */
    private static MakFileHeader header(Map<String, String> footer, String source) throws MakFormatException {
        String topic = footer.get("mak-topic");
        if (topic == null) {
            throw new MakFormatException(source, "a Parquet object that the archiver did not write (its footer has no mak-topic)");
        }
        try {
            return new MakFileHeader(topic, Integer.parseInt(footer.get("mak-partition")),
                    Long.parseLong(footer.get(RecordSchema.FILE_START_OFFSET)), Instant.parse(footer.get(RecordSchema.FILE_START_TIME)));
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            throw new MakFormatException(source, "a Parquet object whose footer names its MAK header (mak-partition, "
                    + RecordSchema.FILE_START_OFFSET + ", " + RecordSchema.FILE_START_TIME + "), found " + e.getMessage());
        }
    }

    @Override
    public MakVersion version() {
        return MakVersion.V2;
    }

    @Override
    public MakFileHeader header() {
        return header;
    }

    /** The footer's key-value metadata: the object's {@code mak-*} figures, as the writer saw them. */
    public Map<String, String> footer() {
        return footer;
    }

    /** How many row groups the object has. */
    public int rowGroups() {
        return file.rowGroups().size();
    }

    /** The compression of the object's pages, as {@code archive.parquet.compression} names it ({@code mixed} if they differ). */
    public String compression() {
        return compression(file.rowGroups());
    }

    /** The compression of the pages of the Parquet object at {@code file}, from its footer. */
    public static String compression(Path file) throws IOException {
        try (ParquetFile parquet = ParquetFile.open(file)) {
            return compression(parquet.rowGroups());
        }
    }

    static String compression(List<BlockMetaData> groups) {
        return groups.stream().flatMap(g -> g.getColumns().stream()).map(ColumnChunkMetaData::getCodec).distinct()
                .map(PageCodecs::settingName).reduce((a, b) -> "mixed").orElse(ParquetOptions.DEFAULTS.codec().settingName());
    }

    @Override
    public MakRecord next() throws IOException {
        try {
            while (rowsLeft == 0) {
                if (nextGroup == file.rowGroups().size()) {
                    return null;
                }
                PageReadStore group = file.rowGroup(nextGroup++, RecordSchema.SCHEMA);
                rows = columnIO.getRecordReader(group, records);
                rowsLeft = group.getRowCount();
            }
            MakRecord r = rows.read();
            rowsLeft--;
            row++;
            if (records.partition != header.partition()) {
                throw new MakFormatException(source, "row " + (row - 1) + ": partition " + records.partition + ", where the footer says "
                        + header.partition());
            }
            return r;
        } catch (MakFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damage(source, "row " + row, e);
        }
    }

    private static MakFormatException damage(String source, String where, Exception e) {
        if (e instanceof MakFormatException m) {
            return m;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        MakFormatException damage = new MakFormatException(source, "unreadable Parquet at " + where + ": " + message);
        damage.initCause(e);
        return damage;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
        } finally {
            cleanup.run();
        }
    }

    /** Turns each row into a {@link MakRecord}, the fields in {@link RecordSchema}'s order. */
    private static final class Records extends RecordMaterializer<MakRecord> {

        int partition;
        long offset;
        long timestamp;
        MakTimestampType type;
        byte[] key;
        byte[] value;
        List<RecordHeader> headers;
        String headerKey;
        byte[] headerValue;

        private final GroupConverter element = new Group(
                binary(b -> headerKey = b.toStringUsingUTF8()),
                binary(b -> headerValue = b.getBytes())) {
            @Override
            public void start() {
                headerKey = null;
                headerValue = null;
            }

            @Override
            public void end() {
                headers.add(new RecordHeader(headerKey, headerValue));
            }
        };
        private final GroupConverter list = new Group(element);
        private final GroupConverter headerList = new Group(list);
        private final GroupConverter root = new Group(
                new PrimitiveConverter() {
                    @Override
                    public void addInt(int v) {
                        partition = v;
                    }
                },
                int64(v -> offset = v),
                int64(v -> timestamp = v),
                binary(b -> {
                    type = RecordSchema.timestampType(b);
                    if (type == null) {
                        throw new IllegalStateException("timestamp_type '" + b.toStringUsingUTF8() + "' is none of Kafka's");
                    }
                }),
                binary(b -> key = b.getBytes()),
                binary(b -> value = b.getBytes()),
                headerList) {
            @Override
            public void start() {
                partition = -1;
                offset = -1;
                timestamp = MakRecord.NO_TIMESTAMP;
                type = null;
                key = null;
                value = null;
                headers = new ArrayList<>(4);
            }
        };

        @Override
        public MakRecord getCurrentRecord() {
            return new MakRecord(offset, timestamp, type, key, value, headers);
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    private static class Group extends GroupConverter {

        private final Converter[] fields;

        Group(Converter... fields) {
            this.fields = fields;
        }

        @Override
        public Converter getConverter(int field) {
            return fields[field];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }

    /** A column of byte arrays (or strings), each value handed to {@code to}. */
    private static PrimitiveConverter binary(Consumer<Binary> to) {
        return new PrimitiveConverter() {
            @Override
            public void addBinary(Binary b) {
                to.accept(b);
            }
        };
    }

    /** A column of int64, each value handed to {@code to}. */
    private static PrimitiveConverter int64(LongConsumer to) {
        return new PrimitiveConverter() {
            @Override
            public void addLong(long v) {
                to.accept(v);
            }
        };
    }
}
