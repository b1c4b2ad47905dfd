package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.ArchiveSettings.S3Settings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** One line for a user about S3 refusing or failing a command that reads the archive: the bucket, the endpoint, why. */
final class S3Errors {

    private S3Errors() {
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
