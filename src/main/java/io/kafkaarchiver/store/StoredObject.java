package io.kafkaarchiver.store;

import java.util.Map;

/**
 * An object as the store holds it: its key, size, version tag (S3's and Azure's ETag, a filesystem's own) and
 * user metadata (keys lower case).
 */
public record StoredObject(String key, long size, String versionTag, Map<String, String> metadata) {
}
