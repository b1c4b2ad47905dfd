package io.kafkaarchiver.upload;

/**
 * Which store the archive is in, as messages name it: the bucket, where it is served, and whether the
 * credentials are the settings' own or the AWS default chain's.
 *
 * @param where the endpoint, or {@code AWS S3 (<region>)}
 */
public record StoreAddress(String bucket, String where, String region, boolean staticCredentials) {

    @Override
    public String toString() {
        return "bucket " + bucket + " at " + where;
    }
}
