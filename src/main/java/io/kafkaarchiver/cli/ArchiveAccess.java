package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.StoredArchive;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.StoreRefusal;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Opens the archive for a command that reads it, and turns what stops the command into one line and
 * an exit code: a bad setting, a login Kafka refuses or a store that refuses the bucket or the credentials (2), or a
 * store that does not answer (1), named as the store describes itself.
 */
final class ArchiveAccess {

    /** What a command does with the archive; returns its exit code. A {@link SettingsException} it throws is a bad setting. */
    @FunctionalInterface
    interface Reading {
        int read(StoredArchive archive, ArchiveStore store);
    }

    private ArchiveAccess() {
    }

    static int read(Console console, String command, ArchiveLocation location, Reading reading) {
        try {
            StoredArchive archive = location.archive();
            try (ArchiveStore store = archive.open()) {
                try {
                    return reading.read(archive, store);
                } catch (SettingsException | AuthenticationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    return storeFailed(console, command, store, e);
                }
            }
        } catch (SettingsException e) {
            console.err().println(command + ": bad setting " + e.getMessage());
            return Console.EXIT_USAGE;
        } catch (AuthenticationException e) {
            console.err().println(command + ": bad setting " + location.kafka().refused(e).getMessage());
            return Console.EXIT_USAGE;
        } catch (RuntimeException e) {
            console.err().println(command + ": cannot open the archive: " + e.getMessage());
            return Console.EXIT_FAILURE;
        }
    }

    /** What the store's failure {@code e} means to the user, printed: a refusal names its setting (2), anything else the store (1). */
    static int storeFailed(Console console, String command, ArchiveStore store, RuntimeException e) {
        Optional<StoreRefusal> refusal = store.refusal(e);
        if (refusal.isPresent()) {
            console.err().println(command + ": bad setting " + refusal.get());
            return Console.EXIT_USAGE;
        }
        console.err().println(command + ": cannot read " + store.describe() + ": " + e.getMessage());
        return Console.EXIT_FAILURE;
    }
}
