package io.kafkaarchiver.topics;

import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.catalog.StampedName;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The snapshots of the archive's topics in its store, beside the manifest ({@link Manifest#topicsPrefix()}),
 * laid out as {@link SnapshotKeys} says. Snapshots are only added; a reader takes the one in force at a
 * time: the latest read at or before it.
 */
public final class SnapshotStore {

    /** The last time a key can name: later times ({@code Instant.MAX}, "no bound") mean the latest snapshot. */
    private static final Instant LAST_NAMEABLE = Instant.parse("9999-12-31T23:59:59.999Z");

    private final ArchiveStore store;
    private final SnapshotKeys keys;

    public SnapshotStore(ArchiveStore store, Manifest manifest) {
        this.store = store;
        this.keys = new SnapshotKeys(manifest.topicsPrefix());
    }

    public <T> void put(SnapshotKind<T> kind, Snapshot<T> snapshot) {
        store.put(keys.key(kind, snapshot), kind.toJson(snapshot).toString().getBytes(StandardCharsets.UTF_8), "application/json", Map.of(),
                new Precondition.Overwrite());
    }

    /**
     * The snapshot in force at {@code time}: the latest read at or before it, of the life of the topic
     * {@code topicId} names (of any life when empty). Reads one day folder (or a few, going back past days
     * without one), never the whole history.
     *
     * @throws IllegalArgumentException when that snapshot is damaged, naming it
     */
    public <T> Optional<Snapshot<T>> atOrBefore(SnapshotKind<T> kind, String topic, Instant time, Optional<String> topicId) {
        Instant bounded = time.isAfter(LAST_NAMEABLE) ? LAST_NAMEABLE : time;
        List<String> days = SnapshotKeys.daysAtOrBefore(subfolders(keys.folder(topic, kind)), keys.dayFolder(topic, kind, bounded));
        for (String day : days) {
            Optional<String> key = SnapshotKeys.latestAtOrBefore(keysUnder(day).stream()
                    .filter(k -> topicId.map(id -> StampedName.parse(k).filter(n -> n.topicId().equals(id)).isPresent()).orElse(true)).toList(), bounded);
            if (key.isPresent()) {
                return Optional.of(read(kind, key.get()));
            }
        }
        return Optional.empty();
    }

    public <T> Optional<Snapshot<T>> latest(SnapshotKind<T> kind, String topic) {
        return atOrBefore(kind, topic, Instant.MAX, Optional.empty());
    }

    /** The keys of every version of one kind of a topic's snapshots, oldest first. */
    public List<String> versions(SnapshotKind<?> kind, String topic) {
        return keysUnder(keys.folder(topic, kind)).stream().filter(SnapshotKeys::isSnapshotKey)
                .sorted(Comparator.comparing(SnapshotKeys::readAt)).toList();
    }

    /** @throws IllegalArgumentException when the snapshot is damaged, naming it */
    public <T> Snapshot<T> read(SnapshotKind<T> kind, String key) {
        return kind.fromJson(key, store.getBytes(key));
    }

    /** The topics the archive holds snapshots of. */
    public List<String> topics() {
        String root = keys.root();
        return subfolders(root).stream().map(f -> f.substring(root.length(), f.length() - 1)).toList();
    }

    private List<String> subfolders(String folder) {
        return store.folders(folder);
    }

    private List<String> keysUnder(String folder) {
        return store.listAll(folder).stream().map(StoredObject::key).toList();
    }
}
