package io.kafkaarchiver.topics;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

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

    /** {@code cleanup.policy=compact, retention.ms=604800000}, by name; {@code none} for none. */
    public static String configsText(Map<String, String> configs) {
        return configs.isEmpty() ? "none" : new TreeMap<>(configs).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** {@code 12 partitions, replication factor 3, configuration retention.ms=604800000} */
    @Override
    public String toString() {
        return partitions + " partitions, replication factor " + replicationFactor + ", configuration " + configsText(configs);
    }
}
