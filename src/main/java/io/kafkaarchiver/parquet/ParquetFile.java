package io.kafkaarchiver.parquet;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file's footer and row groups, read from a local file with parquet-java's own decoders but without its
 * file reader, whose read options always make Hadoop's codec factory (which needs Hadoop's classes). The footer is
 * decoded by parquet-java's metadata converter; a row group's column chunks are read whole (the compressed row
 * group is what is held in memory) and each page is decompressed by {@link PageCodecs} when its column reader asks
 * for it, after its CRC (where the writer kept one) is checked. Pages of version 1 and dictionary pages are read:
 * those the archiver writes.
 */
final class ParquetFile implements Closeable {

    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final FileChannel channel;
    private final ParquetMetadata footer;

    private ParquetFile(FileChannel channel, ParquetMetadata footer) {
        this.channel = channel;
        this.footer = footer;
    }

    static ParquetFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < 2L * MAGIC.length + Integer.BYTES) {
                throw new IOException(size + " bytes, too few for a Parquet file (cut short?)");
            }
            byte[] head = read(channel, 0, MAGIC.length);
            ByteBuffer tail = ByteBuffer.wrap(read(channel, size - Integer.BYTES - MAGIC.length, Integer.BYTES + MAGIC.length))
                    .order(ByteOrder.LITTLE_ENDIAN);
            int footerLength = tail.getInt();
            byte[] tailMagic = Arrays.copyOfRange(tail.array(), Integer.BYTES, Integer.BYTES + MAGIC.length);
            if (!Arrays.equals(head, MAGIC) || !Arrays.equals(tailMagic, MAGIC)) {
                throw new IOException("no magic PAR1 at both ends of the file (cut short?)");
            }
            long footerStart = size - Integer.BYTES - MAGIC.length - footerLength;
            if (footerLength <= 0 || footerStart < MAGIC.length) {
                throw new IOException("a footer length of " + footerLength + ", outside the file's " + size + " bytes");
            }
            ParquetMetadata footer = CONVERTER.readParquetMetadata(new ByteArrayInputStream(read(channel, footerStart, footerLength)),
                    ParquetMetadataConverter.NO_FILTER);
            return new ParquetFile(channel, footer);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    ParquetMetadata footer() {
        return footer;
    }

    MessageType schema() {
        return footer.getFileMetaData().getSchema();
    }

    Map<String, String> keyValueMetadata() {
        return footer.getFileMetaData().getKeyValueMetaData();
    }

    List<BlockMetaData> rowGroups() {
        return footer.getBlocks();
    }

    /** The pages of the columns {@code schema} asks for, of row group {@code index}. */
    PageReadStore rowGroup(int index, MessageType schema) throws IOException {
        BlockMetaData group = footer.getBlocks().get(index);
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData chunk : group.getColumns()) {
            chunks.put(chunk.getPath(), chunk);
        }
        Map<ColumnDescriptor, PageReader> readers = new HashMap<>();
        for (ColumnDescriptor column : schema.getColumns()) {
            ColumnChunkMetaData chunk = chunks.get(ColumnPath.get(column.getPath()));
            if (chunk == null) {
                throw new IOException("row group " + index + " has no column " + String.join(".", column.getPath()));
            }
            readers.put(column, pages(column, chunk, index));
        }
        long rows = group.getRowCount();
        return new PageReadStore() {
            @Override
            public PageReader getPageReader(ColumnDescriptor column) {
                PageReader reader = readers.get(column);
                if (reader == null) {
                    throw new IllegalArgumentException("no column " + column + " was read");
                }
                return reader;
            }

            @Override
            public long getRowCount() {
                return rows;
            }
        };
    }

    /** A column chunk's pages: the headers read and the CRCs checked now, the pages decompressed as they are read. */
    private PageReader pages(ColumnDescriptor column, ColumnChunkMetaData chunk, int group) throws IOException {
        String where = "row group " + group + ", column " + String.join(".", column.getPath());
        if (chunk.getTotalSize() > Integer.MAX_VALUE - 8) {
            throw new IOException(where + ": a column chunk of " + chunk.getTotalSize() + " bytes");
        }
        ByteArrayInputStream in = new ByteArrayInputStream(read(channel, chunk.getStartingPos(), (int) chunk.getTotalSize()));
        BytesInputDecompressor decompressor = PageCodecs.INSTANCE.getDecompressor(chunk.getCodec());
        Statistics<?> noStatistics = Statistics.createStats(column.getPrimitiveType());
        DictionaryPage dictionary = null;
        Deque<DataPage> data = new ArrayDeque<>();
        long values = 0;
        while (values < chunk.getValueCount()) {
            PageHeader header = Util.readPageHeader(in);
            int compressedSize = header.getCompressed_page_size();
            byte[] bytes = in.readNBytes(compressedSize);
            if (bytes.length != compressedSize) {
                throw new EOFException(where + ": a page of " + compressedSize + " bytes ends after " + bytes.length);
            }
            if (header.isSetCrc()) {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if ((int) crc.getValue() != header.getCrc()) {
                    throw new IOException(where + ": a page whose CRC does not match its bytes (damaged)");
                }
            }
            int uncompressedSize = header.getUncompressed_page_size();
            switch (header.getType()) {
                case DICTIONARY_PAGE -> dictionary = new DictionaryPage(
                        decompressor.decompress(BytesInput.from(bytes), uncompressedSize), header.getDictionary_page_header().getNum_values(),
                        encoding(header.getDictionary_page_header().getEncoding()));
                case DATA_PAGE -> {
                    DataPageHeader page = header.getData_page_header();
                    data.add(new DataPageV1(new Compressed(bytes, uncompressedSize, decompressor).bytes(), page.getNum_values(), uncompressedSize,
                            noStatistics, encoding(page.getRepetition_level_encoding()), encoding(page.getDefinition_level_encoding()),
                            encoding(page.getEncoding())));
                    values += page.getNum_values();
                }
                case INDEX_PAGE -> {
                    // Not read by the column readers.
                }
                default -> throw new IOException(where + ": a page of type " + header.getType() + ", which the archiver does not write");
            }
        }
        DictionaryPage dictionaryPage = dictionary;
        long valueCount = chunk.getValueCount();
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return dictionaryPage;
            }

            @Override
            public long getTotalValueCount() {
                return valueCount;
            }

            @Override
            public DataPage readPage() {
                return data.poll();
            }
        };
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding encoding) {
        return CONVERTER.getEncoding(encoding);
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException(length + " bytes at " + position + ", past the file's end");
            }
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A page's compressed bytes, decompressed when its column reader first reads them. */
    private static final class Compressed extends InputStream {

        private final byte[] compressed;
        private final int size;
        private final BytesInputDecompressor decompressor;
        private InputStream decompressed;

        Compressed(byte[] compressed, int size, BytesInputDecompressor decompressor) {
            this.compressed = compressed;
            this.size = size;
            this.decompressor = decompressor;
        }

        /** As {@link BytesInput}, of the page's size decompressed. */
        BytesInput bytes() {
            return BytesInput.from(this, size);
        }

        private InputStream decompressed() throws IOException {
            if (decompressed == null) {
                decompressed = new ByteArrayInputStream(decompressor.decompress(BytesInput.from(compressed), size).toByteArray());
            }
            return decompressed;
        }

        @Override
        public int read() throws IOException {
            return decompressed().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return decompressed().read(b, off, len);
        }
    }
}
