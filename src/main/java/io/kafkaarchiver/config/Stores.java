package io.kafkaarchiver.config;

import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.azure.AzureBlobStore;
import io.kafkaarchiver.store.file.FileStore;
import io.kafkaarchiver.store.s3.S3Store;

/** Opens the store the settings choose: the one place that knows every kind of store. */
public final class Stores {

    private Stores() {
    }

    /** The store, opened; the caller closes it. */
    public static ArchiveStore open(StoreSettings settings) {
        if (settings instanceof S3Settings s3) {
            return new S3Store(s3.newClient(), s3.address(), s3.sse(), s3.sseKmsKeyId(), s3.partSize(), s3.conditionalWrites());
        }
        if (settings instanceof AzureSettings azure) {
            // A static call, resolved only when made: with another store, no class of the Azure SDK is loaded.
            return AzureBlobStore.open(azure.container());
        }
        if (settings instanceof FileSettings file) {
            return FileStore.open(file.root());
        }
        throw new IllegalArgumentException("no store for " + settings);
    }
}
