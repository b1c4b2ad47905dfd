package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.CutTail;
import io.kafkaarchiver.mak.MakFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files a power loss damaged, dealt with when the archiver opens as Kafka deals with a damaged log segment:
 * a file is cut to its last record that checks out, or moved to {@code damaged/} when nothing of it can be
 * read, and the archiver goes on. Each is named in one WARN, with the bytes dropped and the offsets read
 * again from Kafka, and listed ({@link #recovered}). Nothing past these files was committed to the group,
 * so Kafka still holds every offset they lost.
 */
final class DamagedFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DamagedFiles.class);

    private final WorkDir dir;
    private final List<RecoveredFile> recovered = new ArrayList<>();

    DamagedFiles(WorkDir dir) {
        this.dir = dir;
    }

    /** Resumes an in-progress file, cut if it was damaged; empty when its head cannot be read, and it was moved aside. */
    Optional<PartitionWriter> resume(WorkFile file) throws IOException {
        Optional<PartitionWriter> writer = open(file);
        writer.ifPresent(w -> w.cutTail().ifPresent(cut -> cut(file, cut, w.committedNextOffset())));
        return writer;
    }

    /**
     * What a rotated file holds, every record checked; a damaged one is cut as an in-progress file is. Empty
     * when nothing of it is left, and it was moved aside.
     */
    Optional<ArchiveFacts> rotated(WorkFile file) throws IOException {
        Optional<PartitionWriter> writer = open(file);
        if (writer.isEmpty()) {
            return Optional.empty();
        }
        PartitionWriter w = writer.get();
        // The resume left it whole as of its commit point; nothing is to be appended.
        w.abandon();
        Optional<CutTail> cut = w.cutTail();
        if (cut.isPresent() && w.isEmpty()) {
            movedAside(file, cut.get().damage());
            return Optional.empty();
        }
        cut.ifPresent(c -> cut(file, c, w.committedNextOffset()));
        return Optional.of(w.facts());
    }

    /**
     * What an object in {@code upload/} or {@code quarantine/} holds, every record read to check it. A damaged
     * one is dropped when its rotated file is still there to make it again ({@code remade}), and moved aside
     * otherwise; either way the answer is empty.
     */
    Optional<ArchiveFacts> object(WorkFile file, boolean remade) throws IOException {
        try {
            return Optional.of(ArchiveFacts.checked(file.path(dir)));
        } catch (MakFormatException e) {
            if (!remade) {
                movedAside(file, e.detail());
                return Optional.empty();
            }
            long size = Files.size(file.path(dir));
            Files.delete(file.path(dir));
            recovered.add(new RecoveredFile(file, size, -1, null));
            LOG.warn("{} was damaged (a power loss?): {}. Dropped ({} bytes): its object is made again from {}", file, e.detail(), size,
                    Stage.ROTATED.folder() + "/");
            return Optional.empty();
        }
    }

    /** The damaged files met so far, in the order they were met. */
    List<RecoveredFile> recovered() {
        return List.copyOf(recovered);
    }

    private Optional<PartitionWriter> open(WorkFile file) throws IOException {
        try {
            return Optional.of(PartitionWriter.resume(dir, file));
        } catch (MakFormatException e) {
            movedAside(file, e.detail());
            return Optional.empty();
        }
    }

    private void cut(WorkFile file, CutTail cut, long readAgainFrom) {
        recovered.add(new RecoveredFile(file, cut.droppedBytes(), readAgainFrom, null));
        LOG.warn("{} was damaged (a power loss?): {}. Cut to its last record that checks out, {} bytes dropped; offsets from {} on "
                + "are read again from Kafka", file, cut.damage(), cut.droppedBytes(), readAgainFrom);
    }

    private void movedAside(WorkFile file, String damage) throws IOException {
        long size = Files.size(file.path(dir));
        Path target = dir.moveAside(file);
        recovered.add(new RecoveredFile(file, size, file.startOffset(), target));
        LOG.warn("{} was damaged (a power loss?): {}. Nothing of it can be used: moved to {} ({} bytes); offsets from {} on that are not "
                + "in the store are read again from Kafka", file, damage, target, size, file.startOffset());
    }
}
