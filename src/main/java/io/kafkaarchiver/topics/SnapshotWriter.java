package io.kafkaarchiver.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one kind of snapshot of each topic in the bucket, a new version only when it says something
 * new: the latest stored is read once per topic (so a restart adds no version), then remembered.
 */
final class SnapshotWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

    private final SnapshotStore store;
    private final SnapshotKind<T> kind;
    private final T nothing;
    private final Map<String, Optional<Snapshot<T>>> latest = new HashMap<>();

    /** @param nothing content that is not worth a first version (no groups), or null when any is */
    SnapshotWriter(SnapshotStore store, SnapshotKind<T> kind, T nothing) {
        this.store = store;
        this.kind = kind;
        this.nothing = nothing;
    }

    /** Stores {@code snapshot} unless the latest version says the same; true when stored. */
    boolean offer(Snapshot<T> snapshot) {
        Optional<Snapshot<T>> previous = latest.computeIfAbsent(snapshot.topic(), this::stored);
        boolean news = previous.map(p -> !p.saysSameAs(snapshot)).orElse(!snapshot.content().equals(nothing));
        if (news) {
            store.put(kind, snapshot);
            latest.put(snapshot.topic(), Optional.of(snapshot));
        }
        return news;
    }

    private Optional<Snapshot<T>> stored(String topic) {
        try {
            return store.latest(kind, topic);
        } catch (IllegalArgumentException damaged) {
            LOG.warn("The latest {} snapshot of topic {} cannot be read ({}); a new version is written", kind, topic, damaged.getMessage());
            return Optional.empty();
        }
    }
}
