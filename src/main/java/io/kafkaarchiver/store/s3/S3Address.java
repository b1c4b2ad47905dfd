package io.kafkaarchiver.store.s3;

/**
 * Which bucket the archive is in, as messages name it: the bucket, where it is served, its region, and
 * whether the credentials are the settings' own or the AWS default chain's (a refusal names the one in use).
 *
 * @param where the endpoint, or {@code AWS S3 (<region>)}
 */
public record S3Address(String bucket, String where, String region, boolean staticCredentials) {

    @Override
    public String toString() {
        return "bucket " + bucket + " at " + where;
    }
}
