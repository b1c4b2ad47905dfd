package io.kafkaarchiver.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks a put or a delete holds while it checks what a key holds and changes it, so that of two writers
 * one wins, in this JVM and across processes (two archivers on one NFS mount during a hand-off): a lock file
 * per stripe of keys, locked with {@link FileChannel#lock()}. The operating system's lock is per process, so
 * the threads of this JVM first take the stripe's own lock, shared by every store of the JVM on that folder.
 */
final class KeyLocks {

    /** Stripes of keys: puts of different keys seldom wait on one another, and no lock file is left per key. */
    private static final int STRIPES = 64;
    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final Path folder;

    KeyLocks(Path folder) {
        this.folder = folder;
    }

    /** A lock held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held lock(String key) {
        Path file = folder.resolve(Math.floorMod(key.hashCode(), STRIPES) + ".lock");
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        inJvm.lock();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.lock();
                return () -> {
                    try {
                        lock.release();
                        channel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException("releasing " + file, e);
                    } finally {
                        inJvm.unlock();
                    }
                };
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            inJvm.unlock();
            throw new UncheckedIOException("locking " + file, e);
        } catch (RuntimeException e) {
            inJvm.unlock();
            throw e;
        }
    }
}
