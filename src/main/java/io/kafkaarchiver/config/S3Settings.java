package io.kafkaarchiver.config;

import io.kafkaarchiver.store.s3.S3Address;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store ({@code archive.store = s3}): the bucket, where it is served, how objects are encrypted and put, and whose credentials put them. */
public record S3Settings(String bucket, URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey,
                         String sse, String sseKmsKeyId, long partSize) implements StoreSettings {

    /** S3 takes no part smaller than this, but the last. */
    static final long MIN_PART_SIZE = 5L << 20;

    static S3Settings read(SettingReader r) {
        S3Settings s3 = new S3Settings(
                r.required("s3.bucket"),
                r.uri("s3.endpoint", "http://127.0.0.1:9000", "AWS"),
                r.required("s3.region"),
                r.bool("s3.path-style"),
                r.get("s3.access-key").trim(),
                r.get("s3.secret-key").trim(),
                r.oneOf("s3.sse", "", "AES256", "aws:kms"),
                r.get("s3.sse-kms-key-id").trim(),
                r.positiveSize("s3.part-size"));
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
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** The bucket as messages name it. */
    public S3Address address() {
        return new S3Address(bucket, endpoint == null ? "AWS S3 (" + region + ")" : endpoint.toString(), region, hasStaticCredentials());
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
        return "S3Settings[bucket=" + bucket + ", endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
                + ", pathStyle=" + pathStyle + ", accessKey=" + (accessKey.isEmpty() ? "(default chain)" : accessKey)
                + ", secretKey=" + (secretKey.isEmpty() ? "" : "****") + ", sse=" + sse + "]";
    }
}
