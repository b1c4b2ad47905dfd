package io.kafkaarchiver.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The archiver's local working directory: a folder per {@link Stage} a file passes through,
 * {@code compressing/} for objects being built (scratch, emptied at start), and {@code state/} (per
 * partition, the last offset known to be in S3). The folders are listed once, when the archiver
 * opens; from then on the {@link Ledger} knows what is where.
 */
public final class WorkDir {

    private final Path root;

    private WorkDir(Path root) {
        this.root = root;
    }

    public static WorkDir open(Path root) throws IOException {
        WorkDir dir = new WorkDir(root.toAbsolutePath());
        for (Stage stage : Stage.values()) {
            Files.createDirectories(dir.folder(stage));
        }
        Files.createDirectories(dir.compressing());
        Files.createDirectories(dir.state());
        return dir;
    }

    public Path folder(Stage stage) {
        return root.resolve(stage.folder());
    }

    /** Objects being built: the chunks compressed so far, and an object being put together. */
    Path compressing() {
        return root.resolve("compressing");
    }

    Path state() {
        return root.resolve("state");
    }

    /** Moves a file to another stage (its name, and so its compression, may change), atomically. */
    WorkFile move(WorkFile from, WorkFile to) throws IOException {
        Files.move(from.path(this), to.path(this), StandardCopyOption.ATOMIC_MOVE);
        return to;
    }

    /** The work files in a stage's folder, in name order; anything else there is left alone. */
    List<WorkFile> list(Stage stage) {
        List<WorkFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder(stage))) {
            paths.sorted().forEach(p -> WorkFile.parse(stage, p).ifPresent(files::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
