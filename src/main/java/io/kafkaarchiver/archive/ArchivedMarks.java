package io.kafkaarchiver.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.kafka.common.TopicPartition;

/**
 * Per partition, the last offset this instance knows to be in S3. It outlives the local files, so a
 * restart resumes after it even when the offset commit that followed the upload did not land.
 */
final class ArchivedMarks {

    private final Path dir;

    ArchivedMarks(Path dir) {
        this.dir = dir;
    }

    /** @return the last archived offset of the partition, or -1 when none is known */
    synchronized long lastArchived(TopicPartition tp) throws IOException {
        Path file = fileOf(tp);
        if (!Files.exists(file)) {
            return -1;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": expected an offset, found '" + text + "'");
        }
    }

    synchronized void markArchived(TopicPartition tp, long lastOffset) throws IOException {
        if (lastOffset <= lastArchived(tp)) {
            return;
        }
        Path tmp = dir.resolve(fileOf(tp).getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(lastOffset), StandardCharsets.US_ASCII);
        Files.move(tmp, fileOf(tp), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path fileOf(TopicPartition tp) {
        return dir.resolve(tp.topic() + "+" + tp.partition() + ".archived");
    }
}
