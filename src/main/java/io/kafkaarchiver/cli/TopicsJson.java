package io.kafkaarchiver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaarchiver.topics.SnapshotKind;
import io.kafkaarchiver.topics.TopicRecord;

/** {@code ls --topics --json}: one object per topic, with its snapshots as the bucket stores them. */
final class TopicsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicsJson() {
    }

    /** {@code {"topic": ..., "metadata": [every version, oldest first], "groups": the latest or null}} */
    static ObjectNode of(TopicRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", r.topic());
        ArrayNode versions = n.putArray("metadata");
        r.metadata().forEach(m -> versions.add(SnapshotKind.METADATA.toJson(m)));
        r.groups().ifPresentOrElse(g -> n.set("groups", SnapshotKind.GROUPS.toJson(g)), () -> n.putNull("groups"));
        return n;
    }
}
