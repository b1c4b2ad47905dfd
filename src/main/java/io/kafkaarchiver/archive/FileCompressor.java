package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Compresses a rotated file into {@code upload/}, whole or not at all: a crash never leaves half a file there. */
public final class FileCompressor {

    private final WorkDir dir;
    private final Compression compression;
    private final Map<Path, Object> turns = new ConcurrentHashMap<>();

    public FileCompressor(WorkDir dir, Compression compression) {
        this.dir = dir;
        this.compression = compression;
    }

    /**
     * Compresses a file of {@code rotated/}; a file elsewhere is compressed already and returned as it
     * is. Files are compressed in parallel, but two passes that ask for the same file (a rebalance
     * hand-off and the rotate route) take turns: the second gets what the first made.
     *
     * @return the file in {@code upload/}, ready to upload
     */
    public Path compress(Path rotated) throws IOException {
        if (!rotated.getParent().equals(dir.rotated())) {
            return rotated;
        }
        Object turn = turns.computeIfAbsent(rotated, f -> new Object());
        try {
            synchronized (turn) {
                return compressNow(rotated);
            }
        } finally {
            turns.remove(rotated, turn);
        }
    }

    private Path compressNow(Path rotated) throws IOException {
        Path target = dir.upload().resolve(rotated.getFileName() + compression.suffix());
        if (!Files.exists(rotated)) {
            return target;
        }
        if (compression == Compression.NONE) {
            return WorkDir.moveTo(rotated, dir.upload());
        }
        Path partial = dir.upload().resolve(target.getFileName() + ".partial");
        try {
            try (OutputStream out = compression.compress(Files.newOutputStream(partial))) {
                Files.copy(rotated, out);
            }
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        } catch (IOException e) {
            // Half a compressed file only takes the room a full disk lacks; the rotated file is intact.
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(rotated);
        return target;
    }
}
