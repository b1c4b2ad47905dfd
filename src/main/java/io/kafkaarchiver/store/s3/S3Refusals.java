package io.kafkaarchiver.store.s3;

import io.kafkaarchiver.store.StoreRefusal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which of S3's answers are refusals (a setting to fix, {@link StoreRefusal}), and the {@code s3.*} setting each names. */
final class S3Refusals {

    private S3Refusals() {
    }

    /** The refusal {@code e} is, if it is one; empty for what may pass (an outage, a throttle, a race lost). */
    static Optional<StoreRefusal> of(S3Exception e, S3Address store) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
        String said = said(e, code);
        if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
            return Optional.of(new StoreRefusal("s3.bucket", "no " + store));
        }
        if (code.startsWith("KMS") || said.contains("KMS")) {
            return Optional.of(new StoreRefusal("s3.sse-kms-key-id", store + " refused the KMS key: " + said));
        }
        if (e.statusCode() == 301 || "AuthorizationHeaderMalformed".equals(code) || "IllegalLocationConstraintException".equals(code)) {
            return Optional.of(new StoreRefusal("s3.region", store + " is not in region " + store.region() + ": " + said));
        }
        if ("RequestTimeTooSkewed".equals(code)) {
            // The machine's clock, not a setting: it may be set right at any moment.
            return Optional.empty();
        }
        if (e.statusCode() != 403) {
            return Optional.empty();
        }
        String credentials = store.staticCredentials() ? "the credentials of s3.access-key and s3.secret-key"
                : "the credentials of the AWS default chain (s3.access-key is empty)";
        return switch (code) {
            case "SignatureDoesNotMatch" -> Optional.of(new StoreRefusal("s3.secret-key",
                    store + " refused the signature: the secret key is not that of the access key (" + said + ")"));
            case "InvalidAccessKeyId" -> Optional.of(new StoreRefusal("s3.access-key", store + " does not know the access key (" + said + ")"));
            default -> Optional.of(new StoreRefusal("s3.access-key", store + " refused " + credentials + ": " + said));
        };
    }

    /**
     * The AWS default chain finding no credentials at all (no environment variables, profile, web identity or role): a
     * setting to fix, named {@code s3.access-key}, not an outage to wait out.
     */
    static Optional<StoreRefusal> of(SdkClientException e, S3Address store) {
        Optional<String> unresolved = bucketHostUnresolved(e, store);
        if (unresolved.isPresent()) {
            return Optional.of(new StoreRefusal("s3.path-style", store + ": the bucket went in the host name (" + unresolved.get()
                    + "), which does not resolve, while the server's own does: an S3-compatible server mostly wants s3.path-style = true"));
        }
        if (store.staticCredentials() || e.getMessage() == null || !e.getMessage().startsWith("Unable to load credentials")) {
            return Optional.empty();
        }
        return Optional.of(new StoreRefusal("s3.access-key", store + ": the AWS default chain found no credentials (environment variables,"
                + " profile, web identity, instance role): set s3.access-key and s3.secret-key, or give the chain some"));
    }

    /**
     * The host {@code <bucket>.<endpoint's host>} the SDK failed to resolve (virtual-hosted style, {@code s3.path-style = false})
     * where the endpoint's own host resolves: a server on {@code localhost} or a compose service name takes no bucket subdomain.
     * AWS and GCS resolve every bucket's name, and an endpoint that does not resolve either is an outage of its own.
     */
    private static Optional<String> bucketHostUnresolved(SdkClientException e, S3Address store) {
        if (!store.where().startsWith("http")) {
            return Optional.empty();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException unknown && unknown.getMessage() != null && unknown.getMessage().startsWith(store.bucket() + ".")) {
                String host = unknown.getMessage().split(":")[0].trim();
                return resolves(URI.create(store.where()).getHost()) ? Optional.of(host) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static String said(S3Exception e, String code) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return (code.isEmpty() ? "" : code + ": ") + (message == null ? "no message" : message) + " (HTTP " + e.statusCode() + ")";
    }
}
