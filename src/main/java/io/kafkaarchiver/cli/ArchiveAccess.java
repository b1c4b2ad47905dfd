package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.ArchiveSettings.S3Settings;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.upload.StoreRefusal;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens the archive for a command that reads it, and turns what stops the command into one line and
 * an exit code: a bad setting, a login Kafka refuses or a store that refuses the bucket or the credentials (2), or a
 * store that does not answer (1), named with its endpoint.
 */
final class ArchiveAccess {

    /** What a command does with the archive; returns its exit code. A {@link SettingsException} it throws is a bad setting. */
    @FunctionalInterface
    interface Reading {
        int read(S3Settings s3, S3Client client);
    }

    private ArchiveAccess() {
    }

    static int read(Console console, String command, ArchiveLocation location, Reading reading) {
        S3Settings s3 = null;
        try {
            s3 = location.s3();
            try (S3Client client = s3.newClient()) {
                return reading.read(s3, client);
            }
        } catch (SettingsException e) {
            console.err().println(command + ": bad setting " + e.getMessage());
            return Console.EXIT_USAGE;
        } catch (AuthenticationException e) {
            console.err().println(command + ": bad setting " + location.kafka().refused(e).getMessage());
            return Console.EXIT_USAGE;
        } catch (SdkException e) {
            return storeFailed(console, command, s3, e);
        }
    }

    /** What the store's error {@code e} means to the user, printed: a refusal names its setting (2), anything else the store (1). */
    static int storeFailed(Console console, String command, S3Settings s3, SdkException e) {
        Optional<StoreRefusal> refusal = e instanceof S3Exception answer ? StoreRefusal.of(answer, s3.address()) : Optional.empty();
        if (refusal.isPresent()) {
            console.err().println(command + ": bad setting " + refusal.get());
            return Console.EXIT_USAGE;
        }
        console.err().println(command + ": cannot read " + s3.address() + ": " + e.getMessage());
        return Console.EXIT_FAILURE;
    }
}
