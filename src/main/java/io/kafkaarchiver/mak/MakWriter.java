package io.kafkaarchiver.mak;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32C;

/**
 * Appends records to a MAK file through a buffer. Nothing counts until {@link #commit()} rewrites the
 * commit point, so a crash leaves a file that reads as of its last commit; {@link #resume} reopens such
 * a file, cuts off the torn tail and carries on after the last complete record. A writer holds a
 * buffer only between its first append after a commit and the next commit, taking it from a pool that
 * all writers share: an archiver holding thousands of files open holds no buffer for the idle ones.
 */
public final class MakWriter implements Closeable {

    private static final int BUFFER = 1 << 16;
    private static final ByteBuffer NO_BUFFER = ByteBuffer.allocate(0);
    /** Buffers let go at commits, for the next writer to take; a few are kept, the rest left to the GC. */
    private static final BlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(16);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final MakVersion version;
    private final MakFileHeader header;
    private final long recordsStart;
    private ByteBuffer buffer = NO_BUFFER;
    private final CRC32C crc = new CRC32C();
    /** Where the buffer's checksummed region starts; -1 outside a v2 record. */
    private int crcFrom = -1;
    /** File position of the buffer's first byte. */
    private long bufferStart;
    private long commitSequence;
    /** Read by the compressor's threads while this writer appends. */
    private volatile long committedSize;
    private MakSummary summary;
    private MakSummary committedSummary;
    private boolean closed;
    private CutTail cutTail;

    private MakWriter(Path file, FileChannel channel, MakVersion version, MakFileHeader header,
                      long position, long commitSequence, MakSummary summary) throws IOException {
        this.file = file;
        this.channel = channel;
        this.lock = lockOf(file, channel);
        this.version = version;
        this.header = header;
        this.recordsStart = recordsStart(version, header);
        this.bufferStart = position;
        this.committedSize = position;
        this.commitSequence = commitSequence;
        this.summary = summary;
        this.committedSummary = summary;
    }

    /** Starts a new file; fails if one exists already (use {@link #resume} for that). */
    public static MakWriter create(Path file, MakVersion version, MakFileHeader header) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        MakWriter writer;
        try {
            writer = new MakWriter(file, channel, version, header, 0, 0, MakSummary.EMPTY);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        writer.writeFileStart();
        writer.commit();
        return writer;
    }

    /**
     * Reopens a file a writer left behind (after a crash, say): checks every record up to the commit
     * point, truncates whatever lies past it and appends after the last complete record. A damaged file
     * (a tail the disk never got after a power loss: zeroed, cut short, a checksum that fails, a commit
     * point past the file's end) is cut to the last record that checks out and its commit point rewritten,
     * durably; {@link #cutTail} says what was cut. Only a file whose head cannot be read is refused.
     */
    public static MakWriter resume(Path file) throws IOException {
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Compression compression = Compression.detect(in);
            if (compression != Compression.NONE) {
                throw new MakFormatException(file.toString(), 0, "an uncompressed MAK file to append to", compression.settingName() + " data");
            }
        }
        TailScan scan = TailScan.of(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            MakWriter writer = new MakWriter(file, channel, scan.version(), scan.header(), scan.validEnd(), scan.sequence(), scan.summary());
            channel.truncate(scan.validEnd());
            if (scan.cut() != null) {
                writer.cutTail = scan.cut();
                // The file reads whole again, also after another power loss.
                writer.sync();
            }
            return writer;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** What {@link #resume} cut off a damaged file; empty for a new file or one that was sound. */
    public Optional<CutTail> cutTail() {
        return Optional.ofNullable(cutTail);
    }

    private static FileLock lockOf(Path file, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(file + ": another writer has this file open (it is locked)");
        }
        return lock;
    }

    public Path file() {
        return file;
    }

    public MakVersion version() {
        return version;
    }

    public MakFileHeader header() {
        return header;
    }

    /** Where the records begin: everything before is the file's head, which each commit rewrites. */
    public long recordsStart() {
        return recordsStart;
    }

    private static long recordsStart(MakVersion version, MakFileHeader header) {
        int json = HeaderJson.encode(header).length;
        return version == MakVersion.V1
                ? MakV1Layout.HEADER_JSON_OFFSET + json
                : MakV2Layout.HEADER_JSON_OFFSET + json + MakV2Layout.HEADER_CRC_LENGTH;
    }

    /** Figures for every record appended so far, committed or not. */
    public MakSummary summary() {
        return summary;
    }

    /** Bytes in the file once everything appended is committed. */
    public long size() {
        return bufferStart + buffer.position();
    }

    /** Figures for the records up to the commit point: what a reader sees now. */
    public MakSummary committedSummary() {
        return committedSummary;
    }

    /** Bytes up to the commit point: what a reader sees now. */
    public long committedSize() {
        return committedSize;
    }

    /**
     * Appends one record. Offsets must increase; MAK v1 keeps only offset, key and value (a null key
     * or value becomes empty), as kafkatos3 did.
     */
    public void append(MakRecord record) throws IOException {
        assertOpen();
        if (record.offset() < header.startOffset() || (!summary.isEmpty() && record.offset() <= summary.lastOffset())) {
            throw new IllegalArgumentException(file + ": offset " + record.offset() + " does not follow "
                    + (summary.isEmpty() ? "the start offset " + header.startOffset() : "the last offset " + summary.lastOffset()));
        }
        if (version == MakVersion.V1) {
            appendV1(record);
        } else {
            appendV2(record);
        }
        summary = summary.plus(record);
    }

    /** Makes everything appended so far part of the file, as one step: the commit point moves past it. */
    public void commit() throws IOException {
        commit(false);
    }

    /** As {@link #commit()}, and forces the records, then the commit point, to the disk. */
    public void sync() throws IOException {
        commit(true);
    }

    private void commit(boolean durable) throws IOException {
        assertOpen();
        flushBuffer();
        releaseBuffer();
        if (durable) {
            channel.force(false);
        }
        long end = bufferStart;
        if (version == MakVersion.V1) {
            ByteBuffer point = ByteBuffer.allocate(MakV1Layout.COMMIT_POINT_LENGTH)
                    .putLong(summary.isEmpty() ? header.startOffset() : summary.lastOffset())
                    .putLong(end)
                    .flip();
            writeFully(point, MakV1Layout.COMMIT_POINT_OFFSET);
        } else {
            long sequence = commitSequence + 1;
            writeFully(ByteBuffer.wrap(new CommitSlot(sequence, end, summary).encode()), CommitSlot.offsetFor(sequence));
            commitSequence = sequence;
        }
        if (durable) {
            channel.force(false);
        }
        committedSize = end;
        committedSummary = summary;
    }

    /** Commits what was appended and closes the file; safe to call again. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            commit();
        } finally {
            closed = true;
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Closes the file without committing: what was appended since the last commit is not part of it.
     * For a writer whose last write failed (a full disk, say); {@link #resume} then finds the file as of
     * its last commit. Safe to call again, and after {@link #close()}.
     */
    public void abandon() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        releaseBuffer();
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private void writeFileStart() throws IOException {
        byte[] json = HeaderJson.encode(header);
        if (version == MakVersion.V1) {
            put(MakV1Layout.MAGIC);
            putLong(header.startOffset());
            putLong(0);
            putLong(json.length);
            put(json);
        } else {
            put(MakV2Layout.MAGIC);
            put(new byte[2 * MakV2Layout.SLOT_LENGTH]);
            putInt(json.length);
            put(json);
            putInt(CommitSlot.crc32c(json, json.length));
        }
    }

    private void appendV1(MakRecord record) throws IOException {
        putV1Bytes(record.key());
        putV1Bytes(record.value());
        putLong(record.offset());
    }

    private void putV1Bytes(byte[] bytes) throws IOException {
        byte[] b = bytes == null ? new byte[0] : bytes;
        putLong(b.length);
        put(b);
    }

    private void appendV2(MakRecord record) throws IOException {
        long length = MakV2Layout.MIN_BODY_LENGTH + lengthOf(record.key()) + lengthOf(record.value());
        byte[][] headerKeys = new byte[record.headers().size()][];
        for (int i = 0; i < headerKeys.length; i++) {
            RecordHeader h = record.headers().get(i);
            headerKeys[i] = h.key().getBytes(StandardCharsets.UTF_8);
            length += 4L + headerKeys[i].length + 4L + lengthOf(h.value());
        }
        if (length > MakV2Layout.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException(file + ": record at offset " + record.offset() + " is " + length
                    + " bytes, more than a MAK v2 record holds (" + MakV2Layout.MAX_BODY_LENGTH + ")");
        }
        crc.reset();
        crcFrom = buffer.position();
        putInt((int) length);
        putLong(record.offset());
        putLong(record.timestamp());
        putByte((byte) record.timestampType().id());
        putV2Bytes(record.key());
        putV2Bytes(record.value());
        putInt(headerKeys.length);
        for (int i = 0; i < headerKeys.length; i++) {
            putV2Bytes(headerKeys[i]);
            putV2Bytes(record.headers().get(i).value());
        }
        crc.update(buffer.array(), crcFrom, buffer.position() - crcFrom);
        crcFrom = -1;
        putInt((int) crc.getValue());
    }

    private static long lengthOf(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private void putV2Bytes(byte[] bytes) throws IOException {
        if (bytes == null) {
            putInt(MakV2Layout.NULL_LENGTH);
        } else {
            putInt(bytes.length);
            put(bytes);
        }
    }

    private void putLong(long v) throws IOException {
        ensureRoom(Long.BYTES);
        buffer.putLong(v);
    }

    private void putInt(int v) throws IOException {
        ensureRoom(Integer.BYTES);
        buffer.putInt(v);
    }

    private void putByte(byte v) throws IOException {
        ensureRoom(1);
        buffer.put(v);
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length >= BUFFER) {
            flushBuffer();
            if (crcFrom >= 0) {
                crc.update(bytes);
            }
            writeFully(ByteBuffer.wrap(bytes), bufferStart);
            bufferStart += bytes.length;
            return;
        }
        ensureRoom(bytes.length);
        buffer.put(bytes);
    }

    /** Takes a buffer from the pool at the first write after a commit; writes it out when it is full. */
    private void ensureRoom(int bytes) throws IOException {
        if (buffer == NO_BUFFER) {
            ByteBuffer pooled = POOL.poll();
            buffer = pooled != null ? pooled : ByteBuffer.allocate(BUFFER);
        }
        if (buffer.remaining() < bytes) {
            flushBuffer();
        }
    }

    private void releaseBuffer() {
        if (buffer != NO_BUFFER) {
            buffer.clear();
            POOL.offer(buffer);
            buffer = NO_BUFFER;
        }
    }

    private void flushBuffer() throws IOException {
        if (crcFrom >= 0) {
            crc.update(buffer.array(), crcFrom, buffer.position() - crcFrom);
            crcFrom = 0;
        }
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        int length = buffer.remaining();
        writeFully(buffer, bufferStart);
        bufferStart += length;
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    private void assertOpen() {
        if (closed) {
            throw new IllegalStateException(file + ": writer is closed");
        }
    }
}
