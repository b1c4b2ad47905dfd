package io.kafkaarchiver.store.file;

import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.NoSuchObjectException;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import io.kafkaarchiver.store.StorePage;
import io.kafkaarchiver.store.StoreRefusal;
import io.kafkaarchiver.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive in a directory ({@code file.root}): a local disk, or a mount of NFS or a NAS. An object is the
 * file at its key ({@code /} separating directories), so the archive reads as plain files; its metadata and
 * version tag are a small JSON file in a hidden tree beside it ({@link FileLayout}). A put writes a temporary
 * file and forces it to disk, then makes it visible in one atomic step: a hard link that fails when the key
 * exists (create only), or a rename over the object seen (replace), under the key's lock ({@link KeyLocks})
 * taken by every writer in this JVM and in other processes. A reader sees an object whole or not at all.
 */
public final class FileStore implements ArchiveStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    /** A temporary file untouched this long was left by a crash: no put takes that long between two writes. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final FileLayout layout;
    private final KeyLocks locks;
    /** The room the largest put that did not fit needed; 0 once a put found room for it. */
    private final AtomicLong roomMissing = new AtomicLong();

    private FileStore(FileLayout layout) {
        this.layout = layout;
        this.locks = new KeyLocks(layout.locks());
    }

    /**
     * The store in {@code root}, which must exist; removes the temporary files a crash left there.
     *
     * @throws UncheckedIOException when the store's hidden folders cannot be made ({@link #refusal} names {@code file.root})
     */
    public static FileStore open(Path root) {
        FileLayout layout = new FileLayout(root.toAbsolutePath().normalize());
        try {
            Files.createDirectories(layout.temp());
            Files.createDirectories(layout.locks());
            Files.createDirectories(layout.metadataRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare directory " + layout.root() + " (file.root) for the archive", e);
        }
        FileStore store = new FileStore(layout);
        store.removeAbandoned();
        return store;
    }

    @Override
    public String describe() {
        return "directory " + layout.root();
    }

    @Override
    public Optional<StoredObject> head(String key) {
        Path object = layout.object(key);
        try {
            if (!Files.isRegularFile(object)) {
                return Optional.empty();
            }
            long size = Files.size(object);
            Optional<FileMetadata> metadata = FileMetadata.read(layout.metadata(key));
            // Without metadata, put there by other means (a copy of an archive, say): a version of its own, and no metadata.
            return Optional.of(metadata.isPresent() ? new StoredObject(key, size, metadata.get().versionTag(), metadata.get().metadata())
                    : new StoredObject(key, size, untaggedVersion(object), Map.of()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + object, e);
        }
    }

    private static String untaggedVersion(Path object) throws IOException {
        FileTime modified = Files.getLastModifiedTime(object);
        return "file-" + modified.toMillis() + "-" + Files.size(object);
    }

    @Override
    public StorePage list(String prefix, boolean folders, Optional<String> after) {
        try {
            return new KeyWalk(layout, prefix, folders, after).page();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + prefix + " in " + describe(), e);
        }
    }

    @Override
    public InputStream get(String key) {
        try {
            return Files.newInputStream(layout.object(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException("no object " + key + " in " + describe(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " in " + describe(), e);
        }
    }

    @Override
    public InputStream getRange(String key, long from, long length) {
        try {
            FileChannel channel = FileChannel.open(layout.object(key), StandardOpenOption.READ);
            channel.position(from);
            return new BoundedInput(Channels.newInputStream(channel), length);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException("no object " + key + " in " + describe(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " in " + describe(), e);
        }
    }

    @Override
    public StoredObject put(String key, Path file, Map<String, String> metadata, Precondition condition) {
        String what = "putting " + file + " under " + key;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " in " + describe(), e);
        }
        return put(key, size, temp -> Files.copy(file, temp), new FileMetadata(newVersion(), null, metadata), condition, what);
    }

    @Override
    public StoredObject put(String key, byte[] bytes, String contentType, Map<String, String> metadata, Precondition condition) {
        return put(key, bytes.length, temp -> Files.write(temp, bytes), new FileMetadata(newVersion(), contentType, metadata), condition,
                "putting " + key);
    }

    /** Writes a temporary file of {@code size} bytes, if the disk has room for it, and makes it the object. */
    private StoredObject put(String key, long size, TempWrite write, FileMetadata metadata, Precondition condition, String what) {
        Path temp = layout.newTemp();
        try {
            ensureRoomFor(size);
            write.to(temp);
            return commit(key, temp, metadata, condition);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " in " + describe(), fullDiskOr(e, size));
        } finally {
            deleteQuietly(temp);
        }
    }

    /** What a put writes to its temporary file. */
    private interface TempWrite {
        void to(Path temp) throws IOException;
    }

    /**
     * A put that cannot fit fails before it writes a byte: on a full disk, each try would otherwise fill it to the last block
     * again. Until there is room for the largest object that did not fit, smaller puts fail too: the store's probe, a few bytes,
     * would otherwise find the store taking puts again, and send every waiting object to fail once more.
     */
    private void ensureRoomFor(long bytes) throws NoRoomException {
        long needed = Math.max(bytes, roomMissing.get());
        long free = usableSpace();
        if (free < needed) {
            throw noRoom(free, needed, null);
        }
        roomMissing.set(0);
    }

    /** A write that failed once the disk had no room left for the object (another writer took it meanwhile) is the disk full too. */
    private IOException fullDiskOr(IOException failure, long bytes) {
        long free = usableSpace();
        return failure instanceof NoRoomException || free >= bytes ? failure : noRoom(free, bytes, failure);
    }

    private NoRoomException noRoom(long free, long needed, IOException cause) {
        roomMissing.accumulateAndGet(needed, Math::max);
        return new NoRoomException(layout.root(), free, needed, cause);
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(layout.root()).getUsableSpace();
        } catch (IOException e) {
            // Unknown: never taken for a full disk.
            return Long.MAX_VALUE;
        }
    }

    /** Makes the whole, synced {@code temp} the object under {@code key}, if the key holds what {@code condition} expects. */
    private StoredObject commit(String key, Path temp, FileMetadata metadata, Precondition condition) throws IOException {
        Path object = layout.object(key);
        Path metadataFile = layout.metadata(key);
        FileSync.file(temp);
        Path metadataTemp = layout.newTemp();
        try {
            metadata.write(metadataTemp);
            try (KeyLocks.Held held = locks.lock(key)) {
                Optional<StoredObject> now = head(key);
                check(key, now, condition);
                if (!Files.isDirectory(layout.own())) {
                    // A share unmounted since this put began: its mount point gets no folders.
                    throw new NoSuchFileException(layout.own().toString());
                }
                Files.createDirectories(object.getParent());
                Files.createDirectories(metadataFile.getParent());
                if (now.isEmpty()) {
                    // The metadata first: the object is never seen without it. A crash in between leaves metadata of no object, replaced by the next put.
                    Files.move(metadataTemp, metadataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    try {
                        // Fails if the key exists (a writer that takes no lock): never replaces.
                        Files.createLink(object, temp);
                    } catch (FileAlreadyExistsException e) {
                        throw new PreconditionFailedException(key + " in " + describe() + " was created by another writer", e);
                    }
                } else {
                    // The object first: a crash in between leaves it with the metadata of the object it replaced, which claims
                    // fewer offsets than it holds; the next put judges it and replaces it again. The other order would claim more.
                    Files.move(temp, object, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(metadataTemp, metadataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                FileSync.directory(object.getParent());
                FileSync.directory(metadataFile.getParent());
            }
            return new StoredObject(key, Files.size(object), metadata.versionTag(), metadata.metadata());
        } finally {
            deleteQuietly(metadataTemp);
        }
    }

    private static void check(String key, Optional<StoredObject> now, Precondition condition) {
        boolean holds = condition instanceof Precondition.CreateOnly ? now.isEmpty()
                : !(condition instanceof Precondition.Replaces replaces) || now.map(o -> o.versionTag().equals(replaces.versionTag())).orElse(false);
        if (!holds) {
            throw new PreconditionFailedException(key + " is not as the put expected (" + condition + "): it holds "
                    + now.map(o -> "version " + o.versionTag()).orElse("nothing"), null);
        }
    }

    private static String newVersion() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void delete(String key) {
        Path object = layout.object(key);
        try (KeyLocks.Held held = locks.lock(key)) {
            Files.deleteIfExists(object);
            Files.deleteIfExists(layout.metadata(key));
            FileSync.directory(object.getParent());
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + key + " in " + describe(), e);
        }
        removeEmptyFolders(object.getParent(), layout.root());
        removeEmptyFolders(layout.metadata(key).getParent(), layout.metadataRoot());
    }

    /** A folder emptied by a delete goes too, as S3 shows no prefix without an object; another writer's new file keeps it. */
    private static void removeEmptyFolders(Path folder, Path top) {
        for (Path f = folder; f != null && f.startsWith(top) && !f.equals(top); f = f.getParent()) {
            try {
                Files.deleteIfExists(f);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                LOG.debug("Could not remove the empty folder {}: {}", f, e.getMessage());
                return;
            }
        }
    }

    @Override
    public Optional<StoreRefusal> refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException denied) {
                return Optional.of(new StoreRefusal("file.root", describe() + ": not allowed to write " + denied.getFile()
                        + " (give the archiver's user write access to the directory)"));
            }
            if (t instanceof NoRoomException full) {
                return Optional.of(new StoreRefusal("file.root", full.getMessage()));
            }
            if (t instanceof NoSuchFileException missing && !Files.isDirectory(layout.root())) {
                return Optional.of(new StoreRefusal("file.root", describe() + " does not exist (" + missing.getFile() + ")"));
            }
            // A share unmounted under the archiver leaves its mount point: an empty folder of the local disk, never written to.
            if (t instanceof NoSuchFileException && !Files.isDirectory(layout.own())) {
                return Optional.of(new StoreRefusal("file.root", describe() + " has lost the archive's own folder " + FileLayout.OWN
                        + " (a share no longer mounted there?): nothing is written there until it is back; mount it again, or"
                        + " restart the archiver to begin an archive there"));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    /**
     * The disk under the root has no room for an object: a refusal, not an outage, as it lasts until someone makes room, and
     * every retry would write to the last block before it failed.
     */
    static final class NoRoomException extends IOException {
        NoRoomException(Path root, long free, long needed, IOException cause) {
            super("the disk of directory " + root + " is full: " + String.format(Locale.ROOT, "%,d", free) + " bytes free, an object of "
                    + String.format(Locale.ROOT, "%,d", needed) + " bytes does not fit (make room there, or move file.root to a larger disk)", cause);
        }
    }

    /** Temporary files a crash left (untouched for {@link #ABANDONED_AFTER}); those of a put under way are left alone. */
    private void removeAbandoned() {
        Instant before = Instant.now().minus(ABANDONED_AFTER);
        try (Stream<Path> temps = Files.list(layout.temp())) {
            temps.filter(t -> modifiedBefore(t, before)).forEach(t -> {
                LOG.info("Removing {}: a put that did not finish (the process stopped) left it", t);
                deleteQuietly(t);
            });
        } catch (IOException e) {
            LOG.warn("Could not look for unfinished puts in {}: {}", layout.temp(), e.getMessage());
        }
    }

    private static boolean modifiedBefore(Path file, Instant before) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", file, e.getMessage());
        }
    }
}
