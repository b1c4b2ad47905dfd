package io.kafkaarchiver.store;

/** What a put asks of the key it writes, so that of two writers one wins. */
public sealed interface Precondition {

    /** The key must hold nothing yet (S3's and Azure's {@code If-None-Match: *}, an exclusive create on disk). */
    record CreateOnly() implements Precondition {
    }

    /** The key must still hold the object seen, by its {@link StoredObject#versionTag()} ({@code If-Match}). */
    record Replaces(String versionTag) implements Precondition {
    }

    /** Whatever the key holds is replaced: for records that are written whole again (a manifest entry, a snapshot). */
    record Overwrite() implements Precondition {
    }
}
