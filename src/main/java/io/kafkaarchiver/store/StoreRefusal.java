package io.kafkaarchiver.store;

/**
 * An answer of the store that retrying will not change, as the setting it most likely comes from: a bucket
 * or container that does not exist, credentials refused, a region or a key that is wrong. Unlike an outage,
 * it lasts until someone changes a setting or the store's policy.
 *
 * @param setting the setting named, e.g. {@code s3.bucket}
 * @param message what the store said, and to which request; never a secret
 */
public record StoreRefusal(String setting, String message) {

    @Override
    public String toString() {
        return setting + ": " + message;
    }
}
