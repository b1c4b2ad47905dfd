package io.kafkaarchiver.topics;

import java.util.List;
import java.util.Optional;

/**
 * All the archive recorded of one topic besides its records: every version of its metadata, oldest
 * first, and the latest record of its consumer groups' offsets.
 */
public record TopicRecord(String topic, List<Snapshot<TopicMetadata>> metadata, Optional<Snapshot<CommittedOffsets>> groups) {

    public TopicRecord {
        metadata = List.copyOf(metadata);
    }

    /** Reads it from {@code store}; a damaged snapshot is an error naming it. */
    public static TopicRecord read(SnapshotStore store, String topic) {
        List<Snapshot<TopicMetadata>> versions = store.versions(SnapshotKind.METADATA, topic).stream()
                .map(key -> store.read(SnapshotKind.METADATA, key)).toList();
        return new TopicRecord(topic, versions, store.latest(SnapshotKind.GROUPS, topic));
    }
}
