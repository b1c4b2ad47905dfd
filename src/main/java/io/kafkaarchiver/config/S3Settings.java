package io.kafkaarchiver.config;

import io.kafkaarchiver.store.s3.ConditionalWrites;
import io.kafkaarchiver.store.s3.S3Address;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store ({@code archive.store = s3}): the bucket, where it is served, how objects are encrypted and put, and
 * whose credentials put them. Google Cloud Storage ({@code archive.store = gcs}) is the same store through GCS's S3
 * interoperability API: HMAC keys, its endpoint, its own preconditions ({@link ConditionalWrites#GCS}), and no
 * checksums in trailers, which it does not take.
 */
public record S3Settings(String bucket, URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey,
                         String sse, String sseKmsKeyId, long partSize, ConditionalWrites conditionalWrites) implements StoreSettings {

    /** Where GCS serves its S3 interoperability API. */
    static final URI GCS_ENDPOINT = URI.create("https://storage.googleapis.com");

    /** S3 takes no part smaller than this, but the last. */
    static final long MIN_PART_SIZE = 5L << 20;

    static S3Settings read(SettingReader r) {
        return read(r, ConditionalWrites.S3, null);
    }

    static S3Settings readGcs(SettingReader r) {
        S3Settings gcs = read(r, ConditionalWrites.GCS, GCS_ENDPOINT);
        if (!gcs.sse().isEmpty() || !gcs.sseKmsKeyId().isEmpty()) {
            throw new SettingsException(gcs.sse().isEmpty() ? "s3.sse-kms-key-id" : "s3.sse", "GCS takes no S3 server-side encryption"
                    + " headers: it encrypts every object, with the bucket's default key (set a customer-managed key on the bucket)");
        }
        if (!gcs.hasStaticCredentials()) {
            throw new SettingsException("s3.access-key", "GCS's S3 interoperability API needs an HMAC key: set s3.access-key and s3.secret-key");
        }
        return gcs;
    }

    private static S3Settings read(SettingReader r, ConditionalWrites conditionalWrites, URI defaultEndpoint) {
        URI endpoint = r.uri("s3.endpoint", "http://127.0.0.1:9000", "AWS");
        S3Settings s3 = new S3Settings(
                r.required("s3.bucket"),
                endpoint == null ? defaultEndpoint : endpoint,
                r.required("s3.region"),
                r.bool("s3.path-style"),
                r.get("s3.access-key").trim(),
                r.get("s3.secret-key").trim(),
                r.oneOf("s3.sse", "", "AES256", "aws:kms"),
                r.get("s3.sse-kms-key-id").trim(),
                r.positiveSize("s3.part-size"),
                conditionalWrites);
        if (s3.partSize() < MIN_PART_SIZE) {
            throw new SettingsException("s3.part-size", s3.partSize() + " bytes is less than S3's smallest part, 5MB");
        }
        if (s3.accessKey().isEmpty() != s3.secretKey().isEmpty()) {
            throw new SettingsException("s3.secret-key", "set both s3.access-key and s3.secret-key, or neither (then the AWS default credentials chain is used)");
        }
        return s3;
    }

    /** An S3 client for these settings: static credentials when given, else the AWS default chain (IAM roles). */
    public S3Client newClient() {
        AwsCredentialsProvider credentials = hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials);
        if (conditionalWrites == ConditionalWrites.GCS) {
            // GCS refuses the SDK's default: a CRC in a trailer of an aws-chunked body.
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** The bucket as messages name it. */
    public S3Address address() {
        String where = endpoint == null ? "AWS S3 (" + region + ")" : endpoint.toString();
        return new S3Address(bucket, conditionalWrites == ConditionalWrites.GCS ? "GCS " + where : where, region, hasStaticCredentials());
    }

    @Override
    public String name() {
        return "bucket " + bucket;
    }

    @Override
    public String describe() {
        return address().toString();
    }

    /** Static credentials, or none: then the AWS default chain (environment, profile, IAM role) applies. */
    public boolean hasStaticCredentials() {
        return !accessKey.isEmpty();
    }

    @Override
    public String toString() {
        return "S3Settings[" + conditionalWrites + ", bucket=" + bucket + ", endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
                + ", pathStyle=" + pathStyle + ", accessKey=" + (accessKey.isEmpty() ? "(default chain)" : accessKey)
                + ", secretKey=" + (secretKey.isEmpty() ? "" : "****") + ", sse=" + sse + "]";
    }
}
