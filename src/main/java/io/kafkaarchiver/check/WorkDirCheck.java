package io.kafkaarchiver.check;

import io.kafkaarchiver.config.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The working directory can be written, and its disk has more free than {@code archive.min-free-disk}. */
final class WorkDirCheck {

    private final Path workDir;
    private final long minFree;

    WorkDirCheck(Path workDir, long minFree) {
        this.workDir = workDir;
        this.minFree = minFree;
    }

    CheckLine run() {
        Path dir = workDir.toAbsolutePath();
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
}
