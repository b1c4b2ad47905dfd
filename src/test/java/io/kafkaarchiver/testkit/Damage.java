package io.kafkaarchiver.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Damage done to a file as a power loss (or a test) does it: bytes overwritten in place, or a tail cut off. */
public final class Damage {

    private Damage() {
    }

    /** Writes {@code bytes} over the file at {@code at}, its size kept. */
    public static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }

    /** Cuts the file to {@code size} bytes. */
    public static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
