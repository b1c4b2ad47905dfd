package io.kafkaarchiver.config;

import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.azure.AzureBlobStore;
import io.kafkaarchiver.store.file.FileStore;
import io.kafkaarchiver.store.s3.S3Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

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
            try {
                return FileStore.open(file.root());
            } catch (UncheckedIOException e) {
                // A directory this user cannot write in (or no file system that takes folders): a setting to fix.
                throw new SettingsException(FileSettings.ROOT, e.getMessage() + ": " + why(e.getCause()));
            }
        }
        throw new IllegalArgumentException("no store for " + settings);
    }

    /** What the file system said, in words: Java's exceptions name the file, and the reason only sometimes. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "not allowed to write " + denied.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return e.toString();
    }
}
