package io.kafkaarchiver.check;

import io.kafkaarchiver.config.FileSettings;
import io.kafkaarchiver.config.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The working directory can be written, its disk has more free than {@code archive.min-free-disk}, and it is apart from
 * an archive in a directory ({@code file.root}): neither holds the other.
 */
final class WorkDirCheck {

    private final Path workDir;
    private final long minFree;
    private final Optional<Path> archiveRoot;

    /** @param archiveRoot {@code file.root}, when the archive is in a directory */
    WorkDirCheck(Path workDir, long minFree, Optional<Path> archiveRoot) {
        this.workDir = workDir;
        this.minFree = minFree;
        this.archiveRoot = archiveRoot;
    }

    CheckLine run() {
        Path dir = workDir.toAbsolutePath().normalize();
        Optional<SettingsException> overlap = archiveRoot.flatMap(root -> overlap(dir, root));
        if (overlap.isPresent()) {
            return CheckLine.failed("work-dir", overlap.get());
        }
        long free;
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".write-check-", ".tmp"));
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return CheckLine.failed("work-dir", new SettingsException("archive.work-dir", dir + " cannot be written: " + e));
        }
        String freeLine = String.format(Locale.ROOT, "%,d MB free", free >> 20);
        if (free < minFree) {
            return CheckLine.waiting("work-dir", dir + ": writable, but only " + freeLine + ", less than archive.min-free-disk ("
                    + String.format(Locale.ROOT, "%,d MB", minFree >> 20) + "): every partition waits until uploads free space");
        }
        return CheckLine.ok("work-dir", dir + ": writable, " + freeLine);
    }

    /** Told before the working directory is made, so that none is made inside the archive. */
    private static Optional<SettingsException> overlap(Path dir, Path root) {
        Path work = real(dir);
        Path archive = real(root);
        if (work.startsWith(archive)) {
            return Optional.of(new SettingsException("archive.work-dir", dir + " is inside " + FileSettings.ROOT + " (" + root
                    + "): the archive would hold the working files, and list them as objects; give the working directory a place of its own"));
        }
        if (archive.startsWith(work)) {
            return Optional.of(new SettingsException("archive.work-dir", dir + " holds " + FileSettings.ROOT + " (" + root
                    + "): the working directory is scratch, lost with its disk and made anew, and the archive would go with it;"
                    + " give the archive a place of its own"));
        }
        return Optional.empty();
    }

    /** The path with its links resolved as far as it exists (a working directory is made at the first start). */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            try {
                return existing.toRealPath().resolve(existing.relativize(absolute));
            } catch (IOException e) {
                // Not there yet: its parent, then.
            }
        }
        return absolute;
    }
}
