package io.kafkaarchiver.restore;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a restore changes, when it creates the target topic, in what the archive recorded of the
 * source topic: the replication factor, and configuration entries (an empty value leaves the entry out,
 * so the broker's default applies).
 */
public record TopicOverrides(Optional<Integer> replicationFactor, SortedMap<String, String> configs) {

    public static final TopicOverrides NONE = new TopicOverrides(Optional.empty(), new TreeMap<>());

    public TopicOverrides {
        replicationFactor.ifPresent(rf -> {
            if (rf < 1 || rf > Short.MAX_VALUE) {
                throw RestoreException.badRequest("replication-factor " + rf + " is not a replication factor (1 or more)");
            }
        });
        for (Map.Entry<String, String> e : configs.entrySet()) {
            if (e.getKey().isBlank()) {
                throw RestoreException.badRequest("config '=" + e.getValue() + "' names no configuration entry (write it key=value)");
            }
        }
        configs = Collections.unmodifiableSortedMap(new TreeMap<>(configs));
    }

    public static TopicOverrides of(Integer replicationFactor, Map<String, String> configs) {
        return new TopicOverrides(Optional.ofNullable(replicationFactor), new TreeMap<>(configs));
    }

    public boolean isEmpty() {
        return replicationFactor.isEmpty() && configs.isEmpty();
    }
}
