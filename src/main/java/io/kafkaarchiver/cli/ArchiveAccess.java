package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.ArchiveSettings.S3Settings;
import io.kafkaarchiver.config.SettingsException;
import org.apache.kafka.common.errors.AuthenticationException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens the archive for a command that reads it, and turns what stops the command into one line and
 * an exit code: a bad setting or a login Kafka refuses (2), or a bucket S3 does not have or will not serve (1), named with
 * its endpoint.
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
            console.err().println(command + ": " + describe(s3, e));
            return Console.EXIT_FAILURE;
        }
    }

    static String describe(S3Settings s3, SdkException e) {
        String where = "bucket " + s3.bucket() + " at " + (s3.endpoint() == null ? "AWS S3 (" + s3.region() + ")" : s3.endpoint());
        if (e instanceof NoSuchBucketException) {
            return "no " + where;
        }
        if (e instanceof S3Exception s && s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
            return "cannot read " + where + ": " + s.awsErrorDetails().errorMessage() + " (HTTP " + s.statusCode() + ")";
        }
        return "cannot read " + where + ": " + e.getMessage();
    }
}
