package io.kafkaarchiver.store.s3;

import io.kafkaarchiver.store.StoreRefusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;

class S3RefusalsTest {

    private static final S3Address STATIC = new S3Address("archive", "http://127.0.0.1:9000", "us-east-1", true);
    private static final S3Address CHAIN = new S3Address("archive", "AWS S3 (eu-west-1)", "eu-west-1", false);

    @Test
    void namesTheSettingEachLastingRefusalComesFrom() {
        assertThat(S3Refusals.of(error(404, "NoSuchBucket", "The specified bucket does not exist"), STATIC))
                .contains(new StoreRefusal("s3.bucket", "no bucket archive at http://127.0.0.1:9000"));
        assertThat(S3Refusals.of((S3Exception) NoSuchBucketException.builder().statusCode(404).build(), CHAIN))
                .contains(new StoreRefusal("s3.bucket", "no bucket archive at AWS S3 (eu-west-1)"));
        assertThat(S3Refusals.of(error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match"), STATIC))
                .map(StoreRefusal::setting).contains("s3.secret-key");
        assertThat(S3Refusals.of(error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist"), STATIC))
                .map(StoreRefusal::setting).contains("s3.access-key");
        assertThat(S3Refusals.of(error(403, "AccessDenied", "Access Denied"), CHAIN)).get().satisfies(r -> {
            assertThat(r.setting()).isEqualTo("s3.access-key");
            assertThat(r.message()).isEqualTo("bucket archive at AWS S3 (eu-west-1) refused the credentials of the AWS default chain"
                    + " (s3.access-key is empty): AccessDenied: Access Denied (HTTP 403)");
        });
        assertThat(S3Refusals.of(error(403, "KMS.AccessDeniedException", "not allowed to use the key"), STATIC))
                .map(StoreRefusal::setting).contains("s3.sse-kms-key-id");
        assertThat(S3Refusals.of(error(301, "PermanentRedirect", "use the bucket's region"), STATIC))
                .map(StoreRefusal::setting).contains("s3.region");
        assertThat(S3Refusals.of(error(400, "AuthorizationHeaderMalformed", "the region 'us-east-1' is wrong"), STATIC))
                .map(StoreRefusal::setting).contains("s3.region");
    }

    /** A newcomer's machine without AWS credentials: told by setting, not waited on as if S3 were away. */
    @Test
    void theDefaultChainFindingNoCredentialsNamesTheAccessKey() {
        SdkClientException none = SdkClientException.create("Unable to load credentials from any of the providers in the chain "
                + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), ...])");
        assertThat(S3Refusals.of(none, CHAIN)).contains(new StoreRefusal("s3.access-key", "bucket archive at AWS S3 (eu-west-1): the AWS"
                + " default chain found no credentials (environment variables, profile, web identity, instance role): set s3.access-key and"
                + " s3.secret-key, or give the chain some"));
        assertThat(S3Refusals.of(SdkClientException.create("Unable to execute HTTP request: Connect to 127.0.0.1:9000 failed"), CHAIN))
                .as("S3 unreachable: an outage").isEmpty();
    }

    /** A server on localhost, or a compose service name, with s3.path-style left false: the bucket's host name does not resolve. */
    @Test
    void aBucketInAHostNameThatDoesNotResolveWhereTheServersOwnDoesNamesPathStyle() {
        S3Address local = new S3Address("archive", "http://localhost:9000", "us-east-1", true);
        SdkClientException unresolved = SdkClientException.create("Received an UnknownHostException when attempting to interact with a service.",
                new java.net.UnknownHostException("archive.localhost: Name or service not known"));

        assertThat(S3Refusals.of(unresolved, local)).contains(new StoreRefusal("s3.path-style", "bucket archive at http://localhost:9000:"
                + " the bucket went in the host name (archive.localhost), which does not resolve, while the server's own does: an"
                + " S3-compatible server mostly wants s3.path-style = true"));
        S3Address nowhere = new S3Address("archive", "http://no-such-host.invalid:9000", "us-east-1", true);
        assertThat(S3Refusals.of(SdkClientException.create("Received an UnknownHostException", new java.net.UnknownHostException(
                "archive.no-such-host.invalid")), nowhere)).as("the server's own name unresolved too: DNS, an outage").isEmpty();
    }

    @Test
    void whatMayPassIsNoRefusal() {
        assertThat(S3Refusals.of(error(503, "SlowDown", "Please reduce your request rate"), STATIC)).isEmpty();
        assertThat(S3Refusals.of(error(500, "InternalError", "We encountered an internal error"), STATIC)).isEmpty();
        assertThat(S3Refusals.of(error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"), STATIC)).isEmpty();
        assertThat(S3Refusals.of(error(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large"), STATIC))
                .as("a clock step: the machine's clock, set right at any moment").isEmpty();
        assertThat(S3Refusals.of(error(404, "NoSuchKey", "The specified key does not exist"), STATIC)).isEqualTo(Optional.empty());
    }

    private static S3Exception error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
