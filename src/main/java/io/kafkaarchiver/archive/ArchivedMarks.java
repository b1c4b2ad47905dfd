package io.kafkaarchiver.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.TopicPartition;

/**
 * What a partition's state outlives its files with, in {@code state/}: per life of its topic, the last
 * offset this instance knows to be in S3 ({@code <topic>+<life>+<partition>.archived}), so a restart
 * resumes after it even when the offset commit that followed the upload did not land; and which life
 * the partition is in now ({@code <topic>+<partition>.life}), so a restart knows it before Kafka is asked.
 * The unknown life's mark is named as every mark was before the archiver knew topic ids
 * ({@code <topic>+<partition>.archived}).
 */
final class ArchivedMarks {

    private final Path dir;

    ArchivedMarks(Path dir) {
        this.dir = dir;
    }

    /** @return the last archived offset of the partition in that life, or -1 when none is known */
    synchronized long lastArchived(TopicPartition tp, Life life) throws IOException {
        Path file = markOf(tp, life);
        if (!Files.exists(file)) {
            return -1;
        }
        String text = read(file);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": expected an offset, found '" + text + "'");
        }
    }

    synchronized void markArchived(TopicPartition tp, Life life, long lastOffset) throws IOException {
        if (lastOffset > lastArchived(tp, life)) {
            write(markOf(tp, life), Long.toString(lastOffset));
        }
    }

    /** The life the partition was last in; the unknown life when none was ever recorded. */
    synchronized Life currentLife(TopicPartition tp) throws IOException {
        Path file = lifeOf(tp);
        if (!Files.exists(file)) {
            return Life.UNKNOWN;
        }
        String text = read(file);
        return Life.parse(text).orElseThrow(() -> new IOException(file + ": expected a topic id, found '" + text + "'"));
    }

    synchronized void setCurrentLife(TopicPartition tp, Life life) throws IOException {
        write(lifeOf(tp), life.label());
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /**
     * Replaces a mark durably: the new text is on the disk before the rename, and the rename before this returns,
     * so a power loss leaves the old mark or the new one, never an empty file, and a mark once written holds.
     */
    private void write(Path file, String text) throws IOException {
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        WorkDir.syncFolder(dir);
    }

    private Path markOf(TopicPartition tp, Life life) {
        return dir.resolve(tp.topic() + "+" + life.namePart() + tp.partition() + ".archived");
    }

    private Path lifeOf(TopicPartition tp) {
        return dir.resolve(tp.topic() + "+" + tp.partition() + ".life");
    }
}
