package io.kafkaarchiver.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one contract every store of the archive keeps (S3, Azure Blob Storage, a filesystem): objects under keys,
 * with their user metadata, written on a {@link Precondition} so one writer wins a key, listed by prefix a page
 * at a time, read whole or by byte range. Every reader and writer of the archive goes through it; no store's
 * own types appear outside its implementation.
 */
public interface ArchiveStore extends AutoCloseable {

    /** Where the archive is, as messages name it (e.g. {@code bucket b at http://...}, {@code directory /x}). */
    String describe();

    /** The object under {@code key}, or empty when there is none. */
    Optional<StoredObject> head(String key);

    /**
     * One page of the objects whose keys start with {@code prefix}, in key order.
     *
     * @param folders  true to group keys below the next {@code /} after the prefix into {@link StorePage#folders()}
     * @param after    the page's start: empty for the first, else the previous page's {@link StorePage#next()}
     */
    StorePage list(String prefix, boolean folders, Optional<String> after);

    /** Every object under {@code prefix}, every page read. */
    default List<StoredObject> listAll(String prefix) {
        List<StoredObject> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            StorePage page = list(prefix, false, after);
            all.addAll(page.objects());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    /** The folders right below {@code prefix} (which ends with {@code /} or is empty), each ending with {@code /}. */
    default List<String> folders(String prefix) {
        List<String> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            StorePage page = list(prefix, true, after);
            all.addAll(page.folders());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    /** @throws NoSuchObjectException when there is no object under {@code key} */
    InputStream get(String key);

    /** {@code length} bytes of the object from {@code from}, or fewer at its end. @throws NoSuchObjectException */
    InputStream getRange(String key, long from, long length);

    default byte[] getBytes(String key) {
        try (InputStream in = get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " from " + describe(), e);
        }
    }

    /**
     * Puts the file's bytes under {@code key} with {@code metadata} (keys lower case, ASCII values), on
     * {@code condition}; a large file goes in parts or blocks, and a failed put leaves none behind.
     *
     * @return the object as stored (its version tag, for a later {@link Precondition.Replaces})
     * @throws PreconditionFailedException when the key no longer holds what the condition expects
     */
    StoredObject put(String key, Path file, Map<String, String> metadata, Precondition condition);

    /** As {@link #put(String, Path, Map, Precondition)}, for a small object held in memory (JSON, say). */
    StoredObject put(String key, byte[] bytes, String contentType, Map<String, String> metadata, Precondition condition);

    /** Removes the object under {@code key}; none there is not an error. */
    void delete(String key);

    /**
     * What {@code failure} (thrown by this store) means when retrying will not change it: the setting it most
     * likely comes from (a container that does not exist, credentials refused); empty for what may pass.
     */
    Optional<StoreRefusal> refusal(Throwable failure);

    @Override
    void close();
}
