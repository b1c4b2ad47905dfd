package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.StalledPartitions;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the consumer polling while the working directory's disk runs short: below
 * {@code archive.min-free-disk} every partition is paused (the consumer still polls, so it stays in its
 * group), and resumed where it was once uploads have freed space. Partitions paused for a failed write
 * stay paused until their own retry ({@link StalledPartitions}).
 */
public final class DiskSpace {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);
    /** A statfs per poll would be cheap too; once a second is soon enough against a disk that fills over minutes. */
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Path workDir;
    private final long minFree;
    private FileStore store;
    private long checkedAt;
    private boolean checked;
    private volatile boolean low;

    /**
     * @param minFree bytes the disk keeps free; 0 never pauses
     */
    public DiskSpace(Path workDir, long minFree) {
        this.workDir = workDir;
        this.minFree = minFree;
    }

    /** True while partitions are paused for want of disk. */
    public boolean isLow() {
        return low;
    }

    /** On the consumer's thread, before each poll. */
    void applyTo(Consumer<?, ?> consumer, StalledPartitions stalls) {
        long now = System.nanoTime();
        if (minFree <= 0 || (checked && now - checkedAt < CHECK_EVERY_NANOS)) {
            if (low) {
                // Partitions assigned meanwhile are paused too.
                consumer.pause(consumer.assignment());
            }
            return;
        }
        checked = true;
        checkedAt = now;
        long free;
        try {
            if (store == null) {
                store = Files.getFileStore(workDir);
            }
            free = store.getUsableSpace();
        } catch (IOException e) {
            LOG.debug("Cannot tell the free space of {}: {}", workDir, e.toString());
            return;
        }
        if (free < minFree) {
            if (!low) {
                LOG.warn("{} has {} MB free, less than archive.min-free-disk ({} MB): every partition is paused until uploads free "
                        + "space; the consumer goes on polling and stays in its group", workDir, free >> 20, minFree >> 20);
                low = true;
            }
            consumer.pause(consumer.assignment());
        } else if (low) {
            Set<TopicPartition> assigned = consumer.assignment();
            List<TopicPartition> resumed = assigned.stream().filter(tp -> !stalls.isStalled(tp)).toList();
            LOG.info("{} has {} MB free again (archive.min-free-disk {} MB): consuming again", workDir, free >> 20, minFree >> 20);
            consumer.resume(resumed);
            low = false;
        }
    }
}
