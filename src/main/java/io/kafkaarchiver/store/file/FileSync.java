package io.kafkaarchiver.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forces what was written to disk: a file's bytes before it becomes an object, a folder's entries once it has. */
final class FileSync {

    private FileSync() {
    }

    static void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Where the platform allows it (not on Windows, which cannot open a folder so): a new or renamed entry survives a power loss. */
    static void directory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here: the entry is as durable as the platform makes it.
        }
    }
}
