package io.kafkaarchiver.topics;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A topic as it was created and configured: its partition count, its replication factor, and the
 * configuration entries set on the topic itself (not the broker's defaults it inherits), by name.
 */
public record TopicMetadata(int partitions, int replicationFactor, SortedMap<String, String> configs) {

    public TopicMetadata {
        configs = Collections.unmodifiableSortedMap(new TreeMap<>(configs));
    }

    public static TopicMetadata of(int partitions, int replicationFactor, Map<String, String> configs) {
        return new TopicMetadata(partitions, replicationFactor, new TreeMap<>(configs));
    }
}
