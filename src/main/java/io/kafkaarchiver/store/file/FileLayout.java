package io.kafkaarchiver.store.file;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a {@link FileStore} keeps what: each object at its key below the root, and the store's own files in
 * one hidden folder at the root ({@value #OWN}), never listed as objects: the metadata of each object at its
 * key below {@code meta/}, the temporary files of puts under way in {@code tmp/} (on the objects' filesystem,
 * so that making one an object is one atomic step), and the lock files in {@code locks/}.
 */
record FileLayout(Path root) {

    /** The store's own folder: a topic cannot be named so by accident (Kafka's names have no reason to start with it). */
    static final String OWN = ".kafka-archiver";

    Path object(String key) {
        return resolve(root, key);
    }

    Path metadata(String key) {
        return resolve(metadataRoot(), key + ".json");
    }

    /** The store's own folder. */
    Path own() {
        return root.resolve(OWN);
    }

    Path metadataRoot() {
        return own().resolve("meta");
    }

    Path temp() {
        return own().resolve("tmp");
    }

    Path newTemp() {
        return temp().resolve(UUID.randomUUID() + ".tmp");
    }

    Path locks() {
        return own().resolve("locks");
    }

    /** True for the store's own folder, which a listing of the root passes over. */
    boolean isOwn(Path path) {
        return path.equals(own());
    }

    /** The file of {@code key} below {@code top}; a key that would leave it, or name the store's own folder, is refused. */
    private Path resolve(Path top, String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//") || key.contains("\\")) {
            throw new IllegalArgumentException("'" + key + "' cannot be an object's key in a directory");
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'" + key + "' cannot be an object's key in a directory");
            }
        }
        if (key.equals(OWN) || key.startsWith(OWN + "/")) {
            throw new IllegalArgumentException("'" + key + "' is the store's own folder, " + OWN);
        }
        return top.resolve(key);
    }
}
