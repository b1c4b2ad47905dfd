package io.kafkaarchiver.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.StoredObject;
import java.util.Map;

/**
 * The archive's completeness manifest: per topic-partition, one small JSON entry per object, written
 * after the object is complete in the store, under {@code <prefix>/<topic>/<partition>/<start>-<end>-<key digest>.json}
 * (offsets zero-padded to 20 digits). Entries are never rewritten, only added, so concurrent instances
 * and retries cannot corrupt one another's: a retry writes the same entry again. See docs/manifest.md.
 */
public final class Manifest {

    /** The version of the entry layout, written into every entry. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPICS_FOLDER = "_topics";
    /** Below a topic's folder: {@code <partition>/<name>.json}. */
    private static final Pattern ENTRY_NAME = Pattern.compile("\\d+/[^/]+\\.json");

    private final ArchiveStore store;
    private final String prefix;
    private final Clock clock;

    public Manifest(ArchiveStore store, String prefix, Clock clock) {
        this.store = store;
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.clock = clock;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * Where what the archive recorded of each topic besides its objects (its configuration, its consumer
     * groups' offsets) lives: under the manifest, in a folder whose leading underscore makes the tools
     * that read the entries as a table (Athena, Spark, Hive) pass it over. See docs/manifest.md.
     */
    public String topicsPrefix() {
        return prefix + "/" + TOPICS_FOLDER;
    }

    /** Where the store check writes its probe (and removes it; {@code StoreCheck}): beside the manifest's topics, never taken for one. */
    public String accessCheckKey() {
        return prefix + "/_access-check";
    }

    /** True for a key under the manifest's prefix (its entries, its topics' snapshots), which are not archive objects. */
    public boolean isEntryKey(String key) {
        return key.startsWith(prefix + "/");
    }

    /** The topics the manifest has entries for, without reading any. */
    public List<String> topics() {
        return store.folders(prefix + "/").stream()
                .map(p -> p.substring(prefix.length() + 1, p.length() - 1))
                .filter(topic -> !topic.equals(TOPICS_FOLDER))
                .toList();
    }

    /** Where the entry for {@code object} lives. */
    public String entryKey(ArchivedObject object) {
        return String.format("%s/%s/%d/%020d-%020d-%s.json", prefix, object.topic(), object.partition(),
                object.startOffset(), object.endOffset(), keyDigest(object.key()));
    }

    /** Tells apart the entries of two objects that hold the same range under different keys (two key templates, a copy). */
    private static String keyDigest(String objectKey) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(objectKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Records that {@code object} is complete in the store; a retry writes the same entry again. */
    public void record(ArchivedObject object) {
        store.put(entryKey(object), toJson(object), "application/json", Map.of(), new Precondition.Overwrite());
    }

    /**
     * The keys of the entries for one topic, or every topic when {@code topic} is empty: keys of an
     * entry's shape, {@code <prefix>/<topic>/<partition>/<name>.json}. The topics' snapshots, under
     * {@link #topicsPrefix()}, are never listed for all topics, nor taken for entries of a topic named like it.
     */
    List<StoredObject> entries(Optional<String> topic) {
        if (topic.isEmpty()) {
            return topics().stream().flatMap(t -> entries(Optional.of(t)).stream()).toList();
        }
        String listed = prefix + "/" + topic.get() + "/";
        return store.listAll(listed).stream()
                .filter(o -> ENTRY_NAME.matcher(o.key().substring(listed.length())).matches())
                .toList();
    }

    /** Reads one entry; a damaged entry is an error that names it. */
    ArchivedObject read(String entryKey) {
        return fromJson(entryKey, store.getBytes(entryKey));
    }

    /** An object's figures under the manifest's field names, for any JSON that describes objects ({@code ls --json}). */
    public static ObjectNode fields(ArchivedObject o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", o.key());
        n.put("topic", o.topic());
        n.put("partition", o.partition());
        n.put("start_offset", o.startOffset());
        n.put("end_offset", o.endOffset());
        n.put("record_count", o.recordCount());
        n.put("min_timestamp", o.minTimestamp());
        n.put("max_timestamp", o.maxTimestamp());
        n.put("format", o.format());
        n.put("compression", o.compression());
        n.put("size", o.size());
        n.put("topic_id", o.topicId().orElse(null));
        n.put("sha256", o.sha256().orElse(null));
        return n;
    }

    byte[] toJson(ArchivedObject o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("manifest_version", VERSION);
        n.setAll(fields(o));
        n.put("recorded_at", clock.instant().toString());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a manifest entry for " + o.key(), e);
        }
    }

    static ArchivedObject fromJson(String entryKey, byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            int version = field(n, "manifest_version", entryKey).asInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("manifest entry " + entryKey + " has manifest_version " + version
                        + "; this version of kafka-archiver reads " + VERSION);
            }
            return new ArchivedObject(field(n, "key", entryKey).asText(), field(n, "topic", entryKey).asText(),
                    field(n, "partition", entryKey).asInt(), field(n, "start_offset", entryKey).asLong(),
                    field(n, "end_offset", entryKey).asLong(), field(n, "record_count", entryKey).asLong(),
                    field(n, "min_timestamp", entryKey).asLong(), field(n, "max_timestamp", entryKey).asLong(),
                    field(n, "format", entryKey).asText(), field(n, "compression", entryKey).asText(),
                    field(n, "size", entryKey).asLong(),
                    // Entries written before the archiver knew ids have none.
                    Optional.ofNullable(n.get("topic_id")).filter(id -> !id.isNull()).map(JsonNode::asText),
                    // Entries written before the checksum was kept have none.
                    Optional.ofNullable(n.get("sha256")).filter(sum -> !sum.isNull()).map(JsonNode::asText));
        } catch (IOException e) {
            // Jackson's full message adds the location on a second line; a problem is reported in one.
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("manifest entry " + entryKey + " is not JSON: " + reason);
        }
    }

    private static JsonNode field(JsonNode n, String name, String entryKey) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("manifest entry " + entryKey + " lacks \"" + name + "\"");
        }
        return v;
    }
}
