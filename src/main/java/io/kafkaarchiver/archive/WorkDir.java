package io.kafkaarchiver.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The archiver's local working directory: a folder per {@link Stage} a file passes through,
 * {@code compressing/} for objects being built (scratch, emptied at start), {@code state/} (per
 * partition, the last offset known to be in S3), and {@code damaged/} (files a power loss left
 * unreadable, moved out of the way). The folders are listed once, when the archiver opens; from then
 * on the {@link Ledger} knows what is where.
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
        Files.createDirectories(dir.damaged());
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

    /** Files nothing reads any more (their head is unreadable, or their object damaged), kept for an operator to look at. */
    public Path damaged() {
        return root.resolve("damaged");
    }

    /**
     * Moves a file to another stage (its name, and so its compression, may change), atomically, and durably: a
     * power loss after it finds the file in its new stage (one rename per file and stage, never per record).
     */
    WorkFile move(WorkFile from, WorkFile to) throws IOException {
        Files.move(from.path(this), to.path(this), StandardCopyOption.ATOMIC_MOVE);
        syncFolder(to.path(this).getParent());
        return to;
    }

    /**
     * Moves a damaged file out of its stage into {@code damaged/}, named after the stage it was in; a number is
     * added should a file of that name be there already.
     *
     * @return where it is now
     */
    Path moveAside(WorkFile file) throws IOException {
        String name = file.stage().folder() + "+" + file.fileName();
        for (int n = 1; ; n++) {
            Path target = damaged().resolve(n == 1 ? name : name + "." + n);
            try {
                Files.move(file.path(this), target, StandardCopyOption.ATOMIC_MOVE);
                syncFolder(damaged());
                return target;
            } catch (FileAlreadyExistsException e) {
                // Damaged once before: both are kept.
            }
        }
    }

    /**
     * Forces a folder's entries (a file renamed into it) to the disk. Where a folder cannot be opened for that
     * (Windows, some in-memory file systems), the rename is left as durable as the system makes it.
     */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not a folder that can be synced here; nothing else to do.
        }
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
