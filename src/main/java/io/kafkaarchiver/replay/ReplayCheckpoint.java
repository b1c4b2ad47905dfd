package io.kafkaarchiver.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaarchiver.restore.RestoreWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * How far a replay has come: per partition, the next offset whose exchange the route has not completed. Kept in
 * a small JSON file that also names the replay (topic, life, window), written whole to a temporary file and renamed
 * over the last one, so a crash leaves the old checkpoint or the new, never half of one. Without a file it only counts.
 */
final class ReplayCheckpoint {

    /** Which replay a checkpoint belongs to: resuming another's would skip or repeat records. */
    record Replay(String topic, String topicId, RestoreWindow window) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private final Replay replay;
    private final Map<Integer, Long> nextOffsets;
    private final int everyRecords;
    private final long everyNanos;
    private final LongSupplier nanoClock;
    private int unsaved;
    private long savedNanos;

    private ReplayCheckpoint(Optional<Path> file, Replay replay, Map<Integer, Long> nextOffsets, int everyRecords, Duration every,
                             LongSupplier nanoClock) {
        this.file = file;
        this.replay = replay;
        this.nextOffsets = nextOffsets;
        this.everyRecords = everyRecords;
        this.everyNanos = every.toNanos();
        this.nanoClock = nanoClock;
        this.savedNanos = nanoClock.getAsLong();
    }

    /**
     * The checkpoint in {@code file} (none yet: the window's start), written after {@code everyRecords} completed
     * records or {@code every}, whichever comes first.
     *
     * @throws IllegalArgumentException when the file holds another replay's checkpoint, or is not a checkpoint
     */
    static ReplayCheckpoint open(Optional<Path> file, Replay replay, int everyRecords, Duration every, LongSupplier nanoClock) {
        Map<Integer, Long> next = new TreeMap<>();
        if (file.isPresent() && Files.exists(file.get())) {
            JsonNode n = read(file.get());
            Replay recorded = new Replay(n.path("topic").asText(), n.path("topic_id").asText(), new RestoreWindow(n.path("from_offset").asLong(),
                    n.path("to_offset").asLong(), n.path("from_time").asLong(), n.path("to_time").asLong()));
            if (!recorded.equals(replay)) {
                throw new IllegalArgumentException("checkpoint " + file.get() + " is of another replay (" + describe(recorded) + ", not "
                        + describe(replay) + "): delete it to replay from the start, or name another checkpoint file");
            }
            n.path("next_offsets").fields().forEachRemaining(e -> next.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
        }
        return new ReplayCheckpoint(file, replay, next, everyRecords, every, nanoClock);
    }

    /** Where partition {@code partition} resumes; {@code otherwise} where it has no checkpoint. */
    long nextOffset(int partition, long otherwise) {
        return nextOffsets.getOrDefault(partition, otherwise);
    }

    /** The route completed the exchange of {@code offset}: the partition resumes after it. */
    void completed(int partition, long offset) {
        nextOffsets.put(partition, offset + 1);
        unsaved++;
        if (unsaved >= everyRecords || nanoClock.getAsLong() - savedNanos >= everyNanos) {
            save();
        }
    }

    /** Writes the checkpoint, if it has a file and anything changed since it was last written. */
    void save() {
        savedNanos = nanoClock.getAsLong();
        if (file.isEmpty() || unsaved == 0) {
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", replay.topic());
        n.put("topic_id", replay.topicId());
        n.put("from_offset", replay.window().fromOffset());
        n.put("to_offset", replay.window().toOffset());
        n.put("from_time", replay.window().fromTime());
        n.put("to_time", replay.window().toTime());
        ObjectNode offsets = n.putObject("next_offsets");
        nextOffsets.forEach((p, o) -> offsets.put(p.toString(), o));
        Path target = file.get().toAbsolutePath();
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(JSON.writeValueAsBytes(n)));
                // On disk before the rename, so a power loss cannot leave the new name on an empty file.
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the replay checkpoint " + target + ": " + e.getMessage(), e);
        }
        unsaved = 0;
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject() || !n.path("topic").isTextual() || !n.path("next_offsets").isObject()) {
                throw new IllegalArgumentException("checkpoint " + file + " is not a replay checkpoint: delete it or name another file");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String describe(Replay r) {
        return "topic " + r.topic() + (r.topicId().isEmpty() ? "" : " (topic id " + r.topicId() + ")") + ", " + r.window();
    }
}
