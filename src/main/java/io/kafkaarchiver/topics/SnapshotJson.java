package io.kafkaarchiver.topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/** The JSON layouts of the snapshots (docs/manifest.md): a common envelope, then each kind's fields. */
final class SnapshotJson {

    /** The version of the layout, written into every snapshot; readers refuse versions they do not know. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotJson() {
    }

    static ObjectNode envelope(Snapshot<?> s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("snapshot_version", VERSION);
        n.put("topic", s.topic());
        n.put("topic_id", s.topicId());
        n.put("read_at", s.readAt().toString());
        return n;
    }

    static void writeMetadata(TopicMetadata m, ObjectNode n) {
        n.put("partitions", m.partitions());
        n.put("replication_factor", m.replicationFactor());
        ObjectNode configs = n.putObject("configs");
        m.configs().forEach(configs::put);
    }

    static TopicMetadata readMetadata(Fields f) {
        Map<String, String> configs = new TreeMap<>();
        f.object("configs").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
        return TopicMetadata.of(f.number("partitions").intValue(), f.number("replication_factor").intValue(), configs);
    }

    static void writeGroups(CommittedOffsets offsets, ObjectNode n) {
        ObjectNode groups = n.putObject("groups");
        offsets.groups().forEach((group, partitions) -> {
            ArrayNode list = groups.putArray(group);
            partitions.forEach((partition, committed) -> {
                ObjectNode c = list.addObject().put("partition", partition).put("offset", committed.offset());
                if (!committed.metadata().isEmpty()) {
                    c.put("metadata", committed.metadata());
                }
            });
        });
    }

    static CommittedOffsets readGroups(Fields f) {
        Map<String, Map<Integer, CommittedOffsets.Committed>> groups = new TreeMap<>();
        f.object("groups").fields().forEachRemaining(e -> {
            Map<Integer, CommittedOffsets.Committed> partitions = groups.computeIfAbsent(e.getKey(), g -> new TreeMap<>());
            for (JsonNode c : e.getValue()) {
                Fields committed = f.within(c, "groups." + e.getKey());
                partitions.put(committed.number("partition").intValue(),
                        new CommittedOffsets.Committed(committed.number("offset").longValue(), c.path("metadata").asText("")));
            }
        });
        return CommittedOffsets.of(groups);
    }

    /** A snapshot's fields, read with errors that name the stored object and the field. */
    record Fields(String key, JsonNode node) {

        static Fields parse(String key, byte[] body) {
            JsonNode n;
            try {
                n = JSON.readTree(body);
            } catch (IOException e) {
                // Jackson's full message adds the location on a second line; a problem is reported in one.
                String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new IllegalArgumentException("snapshot " + key + " is not JSON: " + reason);
            }
            Fields f = new Fields(key, n);
            int version = f.number("snapshot_version").intValue();
            if (version != VERSION) {
                throw new IllegalArgumentException("snapshot " + key + " has snapshot_version " + version
                        + "; this version of kafka-archiver reads " + VERSION);
            }
            return f;
        }

        Fields within(JsonNode inner, String where) {
            return new Fields(key + " (" + where + ")", inner);
        }

        private JsonNode field(String name) {
            JsonNode v = node == null ? null : node.get(name);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("snapshot " + key + " lacks \"" + name + "\"");
            }
            return v;
        }

        String text(String name) {
            return field(name).asText();
        }

        Number number(String name) {
            JsonNode v = field(name);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("snapshot " + key + ": \"" + name + "\" is " + v + ", not a number");
            }
            return v.numberValue();
        }

        Instant instant(String name) {
            try {
                return Instant.parse(text(name));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("snapshot " + key + ": \"" + name + "\" is not a time: " + text(name));
            }
        }

        JsonNode object(String name) {
            JsonNode v = field(name);
            if (!v.isObject()) {
                throw new IllegalArgumentException("snapshot " + key + ": \"" + name + "\" is not an object");
            }
            return v;
        }
    }
}
