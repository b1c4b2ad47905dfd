package io.kafkaarchiver.parquet;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.RecordHeader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes records as a Parquet object of {@link RecordSchema}, on parquet-java's file writer and record consumer,
 * without Hadoop: pages are compressed by {@link PageCodecs}, the file is a local one. Row groups are cut at
 * {@link ParquetOptions#rowGroupSize()} of buffered (compressed) pages, which is what it holds in memory at most.
 * The footer's key-value metadata carries the object's {@code mak-*} figures, as its caller reckons them from
 * {@link #summary()}, and the MAK header the records came with, so that the object says what it holds on its own.
 */
public final class ParquetObjectWriter implements Closeable {

    /** Records between two looks at the buffered size, at first and at most (as parquet-java's own writer). */
    private static final long MIN_CHECK = 100;
    private static final long MAX_CHECK = 10_000;

    private final Target target;
    private final ParquetFileWriter file;
    private final ParquetOptions options;
    private final MakFileHeader header;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final MessageColumnIO columnIO = new ColumnIOFactory(false).getColumnIO(RecordSchema.SCHEMA);
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private RecordConsumer consumer;
    private long groupRecords;
    private long nextCheck = MIN_CHECK;
    private MakSummary summary = MakSummary.EMPTY;
    private boolean closed;

    private ParquetObjectWriter(Path target, ParquetOptions options, MakFileHeader header) throws IOException {
        this.options = options;
        this.header = header;
        this.properties = ParquetProperties.builder()
                .withPageSize(ParquetOptions.PAGE_SIZE)
                .withDictionaryPageSize(ParquetOptions.PAGE_SIZE)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withPageWriteChecksumEnabled(true)
                .build();
        this.compressor = PageCodecs.INSTANCE.getCompressor(PageCodecs.parquetName(options.codec()));
        this.target = new Target(target);
        try {
            // No padding to HDFS blocks: an object is read whole or by ranges, never from a block store. (The constructor
            // of this arity is the one javac can pick without Hadoop's classes: the others share theirs with Hadoop's.)
            this.file = new ParquetFileWriter(this.target, RecordSchema.SCHEMA, ParquetFileWriter.Mode.OVERWRITE,
                    options.rowGroupSize(), 0, properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
                    properties.getPageWriteChecksumEnabled());
            file.start();
        } catch (IOException | RuntimeException e) {
            this.target.closeQuietly();
            throw e;
        }
        startRowGroup();
    }

    /** Starts a Parquet object at {@code target} (replaced if there) for records of the MAK file {@code header} describes. */
    public static ParquetObjectWriter create(Path target, ParquetOptions options, MakFileHeader header) throws IOException {
        return new ParquetObjectWriter(target, options, header);
    }

    /** The figures of the records written so far. */
    public MakSummary summary() {
        return summary;
    }

    /** Writes one record; records come in offset order. */
    public void write(MakRecord r) throws IOException {
        RecordConsumer c = consumer;
        c.startMessage();
        c.startField(RecordSchema.PARTITION, 0);
        c.addInteger(header.partition());
        c.endField(RecordSchema.PARTITION, 0);
        c.startField(RecordSchema.OFFSET, 1);
        c.addLong(r.offset());
        c.endField(RecordSchema.OFFSET, 1);
        if (r.hasTimestamp()) {
            c.startField(RecordSchema.TIMESTAMP, 2);
            c.addLong(r.timestamp());
            c.endField(RecordSchema.TIMESTAMP, 2);
        }
        c.startField(RecordSchema.TIMESTAMP_TYPE, 3);
        c.addBinary(RecordSchema.typeName(r.timestampType()));
        c.endField(RecordSchema.TIMESTAMP_TYPE, 3);
        if (r.key() != null) {
            c.startField(RecordSchema.KEY, 4);
            c.addBinary(Binary.fromConstantByteArray(r.key()));
            c.endField(RecordSchema.KEY, 4);
        }
        if (r.value() != null) {
            c.startField(RecordSchema.VALUE, 5);
            c.addBinary(Binary.fromConstantByteArray(r.value()));
            c.endField(RecordSchema.VALUE, 5);
        }
        c.startField(RecordSchema.HEADERS, 6);
        c.startGroup();
        if (!r.headers().isEmpty()) {
            c.startField(RecordSchema.LIST, 0);
            for (RecordHeader h : r.headers()) {
                c.startGroup();
                c.startField(RecordSchema.ELEMENT, 0);
                c.startGroup();
                c.startField(RecordSchema.HEADER_KEY, 0);
                c.addBinary(Binary.fromConstantByteArray(h.key().getBytes(StandardCharsets.UTF_8)));
                c.endField(RecordSchema.HEADER_KEY, 0);
                if (h.value() != null) {
                    c.startField(RecordSchema.HEADER_VALUE, 1);
                    c.addBinary(Binary.fromConstantByteArray(h.value()));
                    c.endField(RecordSchema.HEADER_VALUE, 1);
                }
                c.endGroup();
                c.endField(RecordSchema.ELEMENT, 0);
                c.endGroup();
            }
            c.endField(RecordSchema.LIST, 0);
        }
        c.endGroup();
        c.endField(RecordSchema.HEADERS, 6);
        c.endMessage();
        summary = summary.plus(r);
        groupRecords++;
        if (groupRecords >= nextCheck) {
            checkRowGroupSize();
        }
    }

    /**
     * Ends the row group once its buffered pages reach the row group size (within about two records' worth), and
     * plans the next look halfway to where it would be reached, at the records' size so far.
     */
    private void checkRowGroupSize() throws IOException {
        long buffered = columns.getBufferedSize();
        long perRecord = Math.max(1, buffered / groupRecords);
        if (buffered >= options.rowGroupSize() - 2 * perRecord) {
            endRowGroup();
            startRowGroup();
            nextCheck = MIN_CHECK;
        } else {
            long toFill = (options.rowGroupSize() - buffered) / perRecord;
            nextCheck = groupRecords + Math.max(1, Math.min(MAX_CHECK, toFill / 2));
        }
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> compressor)
                .withSchema(RecordSchema.SCHEMA)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .build();
        columns = properties.newColumnWriteStore(RecordSchema.SCHEMA, pages, pages);
        consumer = columnIO.getRecordWriter(columns);
        groupRecords = 0;
    }

    private void endRowGroup() throws IOException {
        try {
            consumer.flush();
            if (groupRecords > 0) {
                file.startBlock(groupRecords);
                columns.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
            }
        } finally {
            columns.close();
            pages.close();
        }
    }

    /**
     * Writes the last row group and the footer, and closes the file.
     *
     * @param figures the object's {@code mak-*} metadata, of the records written ({@link #summary()}), for the footer
     */
    public void finish(Map<String, String> figures) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            endRowGroup();
            file.end(footer(figures));
        } finally {
            target.closeQuietly();
        }
    }

    /** The footer's key-value metadata: the object's {@code mak-*} figures, the MAK header, and the schema's version. */
    private Map<String, String> footer(Map<String, String> figures) {
        Map<String, String> m = new LinkedHashMap<>(figures);
        m.put(RecordSchema.FILE_START_OFFSET, Long.toString(header.startOffset()));
        m.put(RecordSchema.FILE_START_TIME, header.startTime().toString());
        m.put(RecordSchema.SCHEMA_VERSION, RecordSchema.VERSION);
        return m;
    }

    /** Ends the object if {@link #finish} has not: a writer closed after a failure leaves a partial file, to remove. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            file.abort();
            try {
                columns.close();
                pages.close();
            } finally {
                target.closeQuietly();
            }
        }
    }

    /**
     * The local file the object is written to. parquet-java's own leaves its stream open when a write is aborted:
     * this one is closed by the writer, whatever happened.
     */
    private static final class Target implements OutputFile {

        private final Path path;
        private Stream stream;

        Target(Path path) {
            this.path = path;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            stream = new Stream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
            return stream;
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }

        void closeQuietly() {
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // The file is incomplete either way: its writer failed already, and says why.
                }
            }
        }
    }

    private static final class Stream extends PositionOutputStream {

        private final OutputStream out;
        private long position;
        private boolean closed;

        Stream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.close();
            }
        }
    }
}
