package io.kafkaarchiver.store.s3;

import io.kafkaarchiver.store.Precondition;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * How a put's {@link Precondition} travels to the server, and what names an object's version: S3's
 * {@code If-None-Match: *}/{@code If-Match} on ETags, or, through Google Cloud Storage's S3 interoperability
 * API, its generations ({@code x-goog-if-generation-match}, 0 for "no object yet"), the precondition GCS
 * documents for its XML API.
 */
public enum ConditionalWrites {

    S3 {
        @Override
        PutObjectRequest.Builder on(PutObjectRequest.Builder put, Precondition condition) {
            return put.ifNoneMatch(ifNoneMatch(condition)).ifMatch(ifMatch(condition));
        }

        @Override
        CompleteMultipartUploadRequest.Builder on(CompleteMultipartUploadRequest.Builder complete, Precondition condition) {
            return complete.ifNoneMatch(ifNoneMatch(condition)).ifMatch(ifMatch(condition));
        }

        @Override
        String version(SdkResponse response, String eTag) {
            return eTag;
        }
    },

    GCS {
        @Override
        PutObjectRequest.Builder on(PutObjectRequest.Builder put, Precondition condition) {
            return generation(condition) == null ? put : put.overrideConfiguration(match(condition));
        }

        @Override
        CompleteMultipartUploadRequest.Builder on(CompleteMultipartUploadRequest.Builder complete, Precondition condition) {
            return generation(condition) == null ? complete : complete.overrideConfiguration(match(condition));
        }

        @Override
        String version(SdkResponse response, String eTag) {
            return response.sdkHttpResponse().firstMatchingHeader(GENERATION).orElse(eTag);
        }
    };

    /** GCS's response header naming the object's generation. */
    static final String GENERATION = "x-goog-generation";

    abstract PutObjectRequest.Builder on(PutObjectRequest.Builder put, Precondition condition);

    abstract CompleteMultipartUploadRequest.Builder on(CompleteMultipartUploadRequest.Builder complete, Precondition condition);

    /** The object's version tag, as {@link Precondition.Replaces} hands it back. */
    abstract String version(SdkResponse response, String eTag);

    private static String ifNoneMatch(Precondition condition) {
        return condition instanceof Precondition.CreateOnly ? "*" : null;
    }

    private static String ifMatch(Precondition condition) {
        return condition instanceof Precondition.Replaces replaces ? replaces.versionTag() : null;
    }

    private static String generation(Precondition condition) {
        return condition instanceof Precondition.CreateOnly ? "0" : ifMatch(condition);
    }

    private static AwsRequestOverrideConfiguration match(Precondition condition) {
        return AwsRequestOverrideConfiguration.builder().putHeader("x-goog-if-generation-match", generation(condition)).build();
    }
}
