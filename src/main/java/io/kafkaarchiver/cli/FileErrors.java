package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.MakFormatException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** One line for a user about a file that could not be read: never a stack trace. */
final class FileErrors {

    private FileErrors() {
    }

    static String describe(Path file, IOException e) {
        if (e instanceof MakFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        String message = e.getMessage();
        return message != null && message.contains(file.toString()) ? message : file + ": " + message;
    }
}
