package io.kafkaarchiver.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * The archiver's local working directory, one folder per stage a file passes through:
 * {@code in-progress/} (being written), {@code rotated/} (complete, awaiting compression),
 * {@code upload/} (compressed, awaiting upload), {@code quarantine/} (uploads that ran out of retries),
 * and {@code state/} (per partition, the last offset known to be in S3).
 * A file keeps its name, {@code <topic>+<partition>+<start offset>.mak}, from stage to stage.
 */
public final class WorkDir {

    private final Path root;
    private final Path inProgress;
    private final Path rotated;
    private final Path upload;
    private final Path quarantine;
    private final Path state;

    private WorkDir(Path root) {
        this.root = root;
        this.inProgress = root.resolve("in-progress");
        this.rotated = root.resolve("rotated");
        this.upload = root.resolve("upload");
        this.quarantine = root.resolve("quarantine");
        this.state = root.resolve("state");
    }

    public static WorkDir open(Path root) throws IOException {
        WorkDir dir = new WorkDir(root.toAbsolutePath());
        for (Path p : List.of(dir.inProgress, dir.rotated, dir.upload, dir.quarantine, dir.state)) {
            Files.createDirectories(p);
        }
        return dir;
    }

    public Path root() {
        return root;
    }

    public Path inProgress() {
        return inProgress;
    }

    public Path rotated() {
        return rotated;
    }

    public Path upload() {
        return upload;
    }

    public Path quarantine() {
        return quarantine;
    }

    Path state() {
        return state;
    }

    /** Moves a file whose upload ran out of retries into {@code quarantine/}. */
    public Path quarantine(Path file) throws IOException {
        return moveTo(file, quarantine);
    }

    static String fileName(TopicPartition tp, long startOffset) {
        return tp.topic() + "+" + tp.partition() + "+" + String.format("%020d", startOffset) + ".mak";
    }

    Path inProgressFile(TopicPartition tp, long startOffset) {
        return inProgress.resolve(fileName(tp, startOffset));
    }

    /** The partition a work file belongs to, read from its name; empty for files that are not ours. */
    public static Optional<TopicPartition> partitionOf(Path file) {
        String[] parts = file.getFileName().toString().split("\\+");
        if (parts.length != 3 || !parts[2].matches("\\d{20}\\.mak.*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TopicPartition(parts[0], Integer.parseInt(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The start offset a work file's name carries. */
    static long startOffsetOf(Path file) {
        return Long.parseLong(file.getFileName().toString().split("\\+")[2].substring(0, 20));
    }

    /** Moves a file to another stage's folder under the same name, atomically. */
    static Path moveTo(Path file, Path stage) throws IOException {
        Path moved = Files.move(file, stage.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        // The move keeps the old time; the time a file entered its stage is what waits are measured from.
        Files.setLastModifiedTime(moved, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        return moved;
    }

    /** How many files wait in a stage's folder. */
    public int fileCount(Path stage) {
        return filesIn(stage).size();
    }

    /** The files waiting in a stage's folder, oldest offsets first within each partition. */
    static List<Path> filesIn(Path stage) {
        try (Stream<Path> files = Files.list(stage)) {
            return files.filter(f -> partitionOf(f).isPresent()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
