package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.parquet.ParquetOptions;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The compression stage: makes each file's object, mostly while the file is still being written.
 * Whenever the records a file has committed and that are not compressed yet reach {@link #CHUNK}, they
 * are compressed as one gzip member (or zstd frame) onto the file's chunks in {@code compressing/}.
 * Once the file is complete, its object is put together there: the file's head (its commit point is
 * final now) compressed on its own, the chunks, then the records committed since; and it is moved,
 * whole, into {@code upload/}. Members and frames decompress as one stream, so the object reads back as
 * the MAK file byte for byte (kafkatos3's reader included). A file that was never chunked (a small one,
 * or one left by an earlier run) is compressed whole.
 *
 * <p>With {@code archive.format=parquet} ({@link Compression#PARQUET}) the object is a Parquet file made from the
 * complete file's records when it rotates ({@link ParquetObjectWriter}), in {@code compressing/} too, then moved
 * whole into {@code upload/}: a Parquet file's row groups and footer cannot be made a chunk at a time ahead of it.
 */
public final class ObjectCompressor {

    /** Committed bytes that make a chunk worth compressing on its own: large against a member's overhead and gzip's 32 KB window. */
    static final long CHUNK = 4L << 20;
    private static final int BUFFER = 1 << 16;

    /** One file's object being made. The turn is held while compressing; the monitor guards {@code queued}. */
    private static final class Build {
        final long recordsStart;
        final ReentrantLock turn = new ReentrantLock();
        volatile long committedEnd;
        volatile boolean complete;
        volatile long compressedUpTo;
        long chunksLength;
        boolean queued;

        Build(long recordsStart, long committedEnd, boolean complete) {
            this.recordsStart = recordsStart;
            this.committedEnd = committedEnd;
            this.compressedUpTo = recordsStart;
            this.complete = complete;
        }

        boolean chunked() {
            return chunksLength > 0;
        }
    }

    private final WorkDir dir;
    private final Compression compression;
    /** How Parquet objects are written; null unless the compression is {@link Compression#PARQUET}. */
    private final ParquetOptions parquet;
    private final Ledger ledger;
    /** By the file as it is in progress: the name it keeps from stage to stage. */
    private final Map<WorkFile, Build> builds = new ConcurrentHashMap<>();
    /** Complete files whose object could not be made (a full disk, say), for the next round. */
    private final Queue<WorkFile> retries = new ConcurrentLinkedQueue<>();

    ObjectCompressor(WorkDir dir, Compression compression, Ledger ledger) {
        this(dir, compression, compression == Compression.PARQUET ? ParquetOptions.DEFAULTS : null, ledger);
    }

    /** @param parquet how Parquet objects are written, for {@link Compression#PARQUET} */
    ObjectCompressor(WorkDir dir, Compression compression, ParquetOptions parquet, Ledger ledger) {
        if ((compression == Compression.PARQUET) != (parquet != null)) {
            throw new IllegalArgumentException("Parquet options go with Parquet objects, and only with them");
        }
        this.dir = dir;
        this.compression = compression;
        this.parquet = parquet;
        this.ledger = ledger;
    }

    public Compression compression() {
        return compression;
    }

    /** A file was opened or resumed: its object is made as it is written (a compressed MAK object; a Parquet one is made whole). */
    void started(PartitionWriter writer) {
        if (compression == Compression.GZIP || compression == Compression.ZSTD) {
            builds.put(writer.file(), new Build(writer.recordsStart(), writer.committedSize(), false));
        }
    }

    /** @return true when the file now has a chunk to compress and was not queued for it yet: queue it */
    boolean committed(PartitionWriter writer) {
        Build b = builds.get(writer.file());
        if (b == null) {
            return false;
        }
        synchronized (b) {
            b.committedEnd = writer.committedSize();
            if (!b.queued && b.committedEnd - b.compressedUpTo >= CHUNK) {
                b.queued = true;
                return true;
            }
            return false;
        }
    }

    /** @return true when the file, complete now, is to be queued to have its object made */
    boolean completed(PartitionWriter writer) {
        Build b = builds.get(writer.file());
        if (b == null) {
            return true;
        }
        synchronized (b) {
            b.committedEnd = writer.committedSize();
            b.complete = true;
            if (b.queued) {
                // The pass queued already finishes it.
                return false;
            }
            b.queued = true;
            return true;
        }
    }

    /** An empty file was removed instead of rotated. */
    void discard(PartitionWriter writer) {
        builds.remove(writer.file());
    }

    /**
     * One pass of the stage over a file: compresses what it has committed since the last pass, or, for a
     * complete file, makes its object.
     *
     * @return the object, now in {@code upload/}, when this pass made it; otherwise null
     */
    public WorkFile compress(WorkFile file) throws IOException {
        // A file queued complete may never have been built as written (no compression, an earlier run's).
        WorkFile key = inProgress(file);
        Build b = builds.computeIfAbsent(key, n -> new Build(0, 0, true));
        b.turn.lock();
        try {
            if (builds.get(key) != b) {
                return null;
            }
            while (!b.complete) {
                try {
                    appendChunk(file, b);
                } catch (NoSuchFileException e) {
                    if (!b.complete) {
                        throw e;
                    }
                    // Rotated while this pass began: the object is made below.
                }
                synchronized (b) {
                    if (!b.complete) {
                        b.queued = false;
                        return null;
                    }
                }
            }
            WorkFile rotated = file.in(Stage.ROTATED, Compression.NONE);
            if (ledger.current(rotated).filter(f -> f.stage() == Stage.ROTATED).isEmpty()) {
                builds.remove(key, b);
                return null;
            }
            try {
                return finish(rotated, b);
            } catch (IOException | RuntimeException e) {
                retries.add(rotated);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            synchronized (b) {
                b.queued = false;
            }
            throw e;
        } finally {
            b.turn.unlock();
        }
    }

    /**
     * Makes a complete file's object now, for a partition leaving this instance.
     *
     * @return the object in {@code upload/} (or {@code quarantine/}), or null when it is in S3 already
     */
    public WorkFile finish(WorkFile file) throws IOException {
        if (file.stage() == Stage.ROTATED) {
            WorkFile made = compress(file);
            if (made != null) {
                return made;
            }
        }
        return ledger.current(file).filter(f -> f.stage() != Stage.ROTATED).orElse(null);
    }

    /** Complete files whose object could not be made, to queue again; given once. */
    List<WorkFile> takeRetries() {
        List<WorkFile> files = new java.util.ArrayList<>();
        for (WorkFile f = retries.poll(); f != null; f = retries.poll()) {
            files.add(f);
        }
        return files;
    }

    private static WorkFile inProgress(WorkFile file) {
        return file.in(Stage.IN_PROGRESS, Compression.NONE);
    }

    private Path chunksOf(WorkFile file) {
        return dir.compressing().resolve(file.name() + compression.suffix() + ".chunks");
    }

    private void appendChunk(WorkFile file, Build b) throws IOException {
        long end = b.committedEnd;
        if (end <= b.compressedUpTo) {
            return;
        }
        Path source = inProgress(file).path(dir);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(chunksOf(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.position(b.chunksLength);
            try {
                compressRange(in, b.compressedUpTo, end, out);
            } catch (IOException | RuntimeException e) {
                // What this chunk wrote is not part of the object.
                out.truncate(b.chunksLength);
                throw e;
            }
            b.chunksLength = out.position();
        }
        b.compressedUpTo = end;
    }

    private WorkFile finish(WorkFile rotated, Build b) throws IOException {
        WorkFile object = rotated.in(Stage.UPLOAD, compression);
        if (compression == Compression.NONE) {
            dir.move(rotated, object);
        } else if (compression == Compression.PARQUET) {
            Path made = dir.compressing().resolve(object.fileName());
            try {
                ParquetObjects.convert(rotated.path(dir), made, parquet, rotated.life().knownId());
                try (FileChannel out = FileChannel.open(made, StandardOpenOption.WRITE)) {
                    out.force(true);
                }
            } catch (IOException | RuntimeException e) {
                // As for a compressed object: the rotated file is intact, the object is made again on a later round.
                Files.deleteIfExists(made);
                throw e;
            }
            publish(made, object, rotated);
        } else {
            Path made = dir.compressing().resolve(object.fileName());
            try (FileChannel in = FileChannel.open(rotated.path(dir), StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(made, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                long end = in.size();
                if (!b.chunked()) {
                    compressRange(in, 0, end, out);
                } else {
                    compressRange(in, 0, b.recordsStart, out);
                    try (FileChannel chunks = FileChannel.open(chunksOf(rotated), StandardOpenOption.READ)) {
                        for (long at = 0; at < b.chunksLength; ) {
                            at += chunks.transferTo(at, b.chunksLength - at, out);
                        }
                    }
                    compressRange(in, b.compressedUpTo, end, out);
                }
                out.force(true);
            } catch (IOException | RuntimeException e) {
                // Half an object only takes the room a full disk lacks; the rotated file and its chunks are intact.
                Files.deleteIfExists(made);
                throw e;
            }
            publish(made, object, rotated);
            Files.deleteIfExists(chunksOf(rotated));
        }
        ledger.moved(rotated, object);
        builds.remove(inProgress(rotated), b);
        return object;
    }

    /** Moves an object made in {@code compressing/} into {@code upload/}, in place of its rotated file. */
    private void publish(Path made, WorkFile object, WorkFile rotated) throws IOException {
        Files.move(made, object.path(dir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The object's name reaches the disk before the rotated file's removal can: a power loss leaves one of them.
        WorkDir.syncFolder(object.path(dir).getParent());
        Files.delete(rotated.path(dir));
    }

    /** Compresses {@code [from, to)} of a file onto {@code out} as one gzip member or zstd frame. */
    private void compressRange(FileChannel in, long from, long to, FileChannel out) throws IOException {
        if (from >= to) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (OutputStream z = compression.compress(new KeepOpen(Channels.newOutputStream(out)))) {
            for (long at = from; at < to; ) {
                buffer.clear().limit((int) Math.min(BUFFER, to - at));
                int n = in.read(buffer, at);
                if (n < 0) {
                    throw new EOFException("ends at " + at + ", before " + to);
                }
                z.write(buffer.array(), 0, n);
                at += n;
            }
        }
    }

    /** Lets a compressor finish its member or frame without closing the file under it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
