package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.ArchivedObject;

/** What a put under a key asks of the store, from what the key holds now: one writer per key, enforced by the store. */
sealed interface PutCondition {

    /** The key holds this file's offsets already: nothing is put. */
    record AlreadyArchived(ArchivedObject held) implements PutCondition {
    }

    /** The key holds nothing: the put creates the object only while that stays so ({@code If-None-Match: *}). */
    record CreateOnly() implements PutCondition {
    }

    /** The key holds fewer of the file's offsets: the put replaces that object only while it is still there ({@code If-Match}). */
    record Replaces(String versionTag) implements PutCondition {
    }
}
