package io.kafkaarchiver.topics;

import io.kafkaarchiver.catalog.StampedName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where snapshots are kept in the bucket, and how a reader finds the one in force at a time:
 * {@code <root>/<topic>/<kind>/<day>/<time>-<topic id>.json} ({@link StampedName}), the day as
 * {@code 2026-11-23} (UTC). Each version is an object of its own, only ever added.
 */
public final class SnapshotKeys {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String root;

    public SnapshotKeys(String root) {
        this.root = root;
    }

    /** The folder of every topic's snapshots. */
    public String root() {
        return root + "/";
    }

    /** The folder of one kind of one topic's snapshots, a subfolder per day. */
    public String folder(String topic, SnapshotKind<?> kind) {
        return root + "/" + topic + "/" + kind.folder() + "/";
    }

    public String key(SnapshotKind<?> kind, Snapshot<?> snapshot) {
        return folder(snapshot.topic(), kind) + DAY.format(snapshot.readAt()) + "/" + new StampedName(snapshot.readAt(), snapshot.topicId()).name();
    }

    /**
     * When the snapshot stored under {@code key} was read, from its name.
     *
     * @throws IllegalArgumentException for a key that is not a snapshot's
     */
    public static Instant readAt(String key) {
        return StampedName.parse(key).map(StampedName::time)
                .orElseThrow(() -> new IllegalArgumentException(key + " is not the key of a snapshot (<time>-<topic id>.json)"));
    }

    /** The day folder a snapshot read at {@code time} would be in, as listing a kind's folder with "/" as delimiter names it. */
    String dayFolder(String topic, SnapshotKind<?> kind, Instant time) {
        return folder(topic, kind) + DAY.format(time) + "/";
    }

    /**
     * The day folders that may hold the snapshot in force at {@code time}: those of that day or before,
     * latest first (folder names sort as days do).
     */
    static List<String> daysAtOrBefore(Collection<String> dayFolders, String folderOfTime) {
        return dayFolders.stream().filter(d -> d.compareTo(folderOfTime) <= 0).sorted(Comparator.reverseOrder()).toList();
    }

    /** Of {@code keys}, the snapshot read last at or before {@code time}; keys that are not a snapshot's are passed over. */
    static Optional<String> latestAtOrBefore(Collection<String> keys, Instant time) {
        return keys.stream().filter(SnapshotKeys::isSnapshotKey).filter(k -> !readAt(k).isAfter(time))
                .max(Comparator.comparing(SnapshotKeys::readAt).thenComparing(Comparator.naturalOrder()));
    }

    static boolean isSnapshotKey(String key) {
        try {
            readAt(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
