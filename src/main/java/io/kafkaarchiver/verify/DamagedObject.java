package io.kafkaarchiver.verify;

import io.kafkaarchiver.catalog.ArchivedObject;

/**
 * An object that cannot be trusted: missing from the archive though the catalog lists it, unreadable,
 * failing a checksum, cut short, or holding other records than its metadata says.
 */
public record DamagedObject(ArchivedObject object, String reason, boolean missing) {

    public String key() {
        return object.key();
    }
}
