package io.kafkaarchiver.topics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The two things kept of each archived topic, each in a folder of its own ({@code metadata/},
 * {@code groups/}) with a JSON layout of its own (see docs/manifest.md).
 */
public final class SnapshotKind<T> {

    /** The topic's partition count, replication factor and configuration. */
    public static final SnapshotKind<TopicMetadata> METADATA =
            new SnapshotKind<>("metadata", SnapshotJson::writeMetadata, SnapshotJson::readMetadata);
    /** The committed offsets of the consumer groups that read the topic. */
    public static final SnapshotKind<CommittedOffsets> GROUPS =
            new SnapshotKind<>("groups", SnapshotJson::writeGroups, SnapshotJson::readGroups);

    private final String folder;
    private final BiConsumer<T, ObjectNode> writer;
    private final Function<SnapshotJson.Fields, T> reader;

    private SnapshotKind(String folder, BiConsumer<T, ObjectNode> writer, Function<SnapshotJson.Fields, T> reader) {
        this.folder = folder;
        this.writer = writer;
        this.reader = reader;
    }

    /** The folder, under the topic's, that holds this kind's versions. */
    public String folder() {
        return folder;
    }

    /** The snapshot as the JSON object stored in the bucket. */
    public ObjectNode toJson(Snapshot<T> snapshot) {
        ObjectNode n = SnapshotJson.envelope(snapshot);
        writer.accept(snapshot.content(), n);
        return n;
    }

    /**
     * Reads a stored snapshot back.
     *
     * @throws IllegalArgumentException naming {@code key} and what is wrong with it
     */
    public Snapshot<T> fromJson(String key, byte[] body) {
        SnapshotJson.Fields f = SnapshotJson.Fields.parse(key, body);
        return new Snapshot<>(f.text("topic"), f.text("topic_id"), f.instant("read_at"), reader.apply(f));
    }

    @Override
    public String toString() {
        return folder;
    }
}
