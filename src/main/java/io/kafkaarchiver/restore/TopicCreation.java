package io.kafkaarchiver.restore;

import io.kafkaarchiver.topics.MetadataChange;
import io.kafkaarchiver.topics.Snapshot;
import io.kafkaarchiver.topics.TopicMetadata;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How a restore creates a target topic that does not exist: as the archive recorded the source topic
 * (its partition count, replication factor and configuration), with the user's overrides; or, where
 * the archive holds no record of it (archived before kafka-archiver kept one), with as many partitions
 * as the archive has and the broker's defaults, as restores always did.
 *
 * @param replicationFactor empty: the broker's default
 * @param overridden        what the overrides changed in the recorded topic
 */
public record TopicCreation(int partitions, Optional<Integer> replicationFactor, SortedMap<String, String> configs,
                            Optional<Snapshot<TopicMetadata>> recorded, List<MetadataChange> overridden) {

    public TopicCreation {
        configs = Collections.unmodifiableSortedMap(new TreeMap<>(configs));
        overridden = List.copyOf(overridden);
    }

    /**
     * @param recorded          the source topic as the archive recorded it, in force at the restore's time
     * @param archivePartitions how many partitions the archive has records in (its highest + 1)
     */
    public static TopicCreation of(Optional<Snapshot<TopicMetadata>> recorded, int archivePartitions, TopicOverrides overrides) {
        TopicMetadata base = recorded.map(Snapshot::content).orElse(TopicMetadata.of(archivePartitions, 0, Map.of()));
        SortedMap<String, String> configs = new TreeMap<>(base.configs());
        overrides.configs().forEach((name, value) -> {
            if (value.isBlank()) {
                configs.remove(name);
            } else {
                configs.put(name, value);
            }
        });
        Optional<Integer> replicationFactor = overrides.replicationFactor().or(() -> recorded.map(r -> r.content().replicationFactor()));
        // Partitions added after the record was read hold records too: they need somewhere to go.
        int partitions = Math.max(base.partitions(), archivePartitions);
        TopicMetadata applied = TopicMetadata.of(partitions, replicationFactor.orElse(0), configs);
        List<MetadataChange> overridden = recorded.isPresent() ? MetadataChange.between(base, applied).stream()
                .filter(c -> !c.name().equals(MetadataChange.PARTITIONS)).toList() : List.of();
        return new TopicCreation(partitions, replicationFactor, configs, recorded, overridden);
    }

    /** {@code 4 partitions, replication factor 3, configuration retention.ms=604800000} */
    public String shape() {
        return partitions + " partitions, replication factor " + replicationFactor.map(String::valueOf).orElse("(the broker's default)")
                + ", configuration " + (configs.isEmpty() ? "(the broker's defaults)" : TopicMetadata.configsText(configs));
    }

    /** Where {@link #shape()} comes from, for the user: the record of {@code sourceTopic} and what overrode it, or why there is none. */
    public String origin(String sourceTopic) {
        if (recorded.isEmpty()) {
            return "the archive holds no record of topic " + sourceTopic + "'s configuration (archived before kafka-archiver kept one): "
                    + "as many partitions as the archive has, and the broker's defaults with the overrides given";
        }
        Snapshot<TopicMetadata> r = recorded.get();
        return "as topic " + sourceTopic + " was at " + r.readAt() + " (topic id " + r.topicId() + ")"
                + (r.content().partitions() < partitions ? ", with the " + partitions + " partitions the archive has" : "")
                + (overridden.isEmpty() ? "" : "; overridden: " + overridden.stream().map(MetadataChange::toString).collect(Collectors.joining(", ")));
    }
}
