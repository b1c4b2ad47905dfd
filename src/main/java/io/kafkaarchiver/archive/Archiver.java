package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive on this machine's disk: one in-progress file per topic-partition, rotated when its
 * policy says so, and the last offset held (on disk or already in S3) for each partition, so the
 * consumer can be positioned right after it.
 */
public final class Archiver {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

    private final WorkDir dir;
    private final MakVersion format;
    private final RotationPolicy policy;
    private final Clock clock;
    private final ArchivedMarks marks;
    private final java.time.Duration quarantineRetryAfter;
    /** How long a partition whose file could not be written waits before it is tried again. */
    static final java.time.Duration WRITE_RETRY_AFTER = java.time.Duration.ofSeconds(10);

    private final Map<TopicPartition, PartitionFile> open = new HashMap<>();
    private final StalledPartitions stalls = new StalledPartitions();
    /** Last offset held locally (any stage) per partition, as found at startup and appended since. */
    private final Map<TopicPartition, Long> held = new HashMap<>();

    private Archiver(WorkDir dir, MakVersion format, RotationPolicy policy, java.time.Duration quarantineRetryAfter, Clock clock) {
        this.quarantineRetryAfter = quarantineRetryAfter;
        this.dir = dir;
        this.format = format;
        this.policy = policy;
        this.clock = clock;
        this.marks = new ArchivedMarks(dir.state());
    }

    /**
     * Opens the working directory and recovers what an earlier run left: in-progress files are resumed
     * (torn tails cut off), and files in later stages are noted so their offsets are not consumed again.
     */
    public static Archiver open(WorkDir dir, MakVersion format, RotationPolicy policy, java.time.Duration quarantineRetryAfter,
                                Clock clock) throws IOException {
        Archiver archiver = new Archiver(dir, format, policy, quarantineRetryAfter, clock);
        for (Path partial : WorkDir.filesIn(dir.upload())) {
            if (partial.toString().endsWith(".partial")) {
                // A compression cut short: its rotated source is still there and is compressed again.
                Files.delete(partial);
            }
        }
        for (Path stage : List.of(dir.rotated(), dir.upload(), dir.quarantine())) {
            for (Path file : WorkDir.filesIn(stage)) {
                ArchiveFacts facts = ArchiveFacts.of(file);
                if (!facts.summary().isEmpty()) {
                    archiver.hold(WorkDir.partitionOf(file).orElseThrow(), facts.summary().lastOffset());
                }
            }
        }
        for (Path file : WorkDir.filesIn(dir.inProgress())) {
            TopicPartition tp = WorkDir.partitionOf(file).orElseThrow();
            PartitionFile resumed = PartitionFile.resume(file, tp);
            PartitionFile earlier = archiver.open.put(tp, resumed);
            if (earlier != null) {
                // Only one file per partition is ever in progress; an older one left behind is complete.
                earlier.complete(dir);
            }
            if (!resumed.isEmpty()) {
                archiver.hold(tp, resumed.lastOffset());
            }
            LOG.info("Resumed {} after a restart: {}", file.getFileName(), resumed.isEmpty() ? "empty" : "up to offset " + resumed.lastOffset());
        }
        return archiver;
    }

    public WorkDir workDir() {
        return dir;
    }

    /**
     * Appends a record to its partition's in-progress file, starting one where there is none, and
     * rotates the file as soon as it reaches its size or record limit. A record this instance holds
     * already (Kafka delivers again after a reconnect) is left out, so each offset is written once.
     *
     * @return true when the record was written, false when it was left out
     */
    public synchronized boolean append(TopicPartition tp, MakRecord record) throws IOException {
        if (stalls.isStalled(tp)) {
            return false;
        }
        Long last = held.get(tp);
        if (last == null) {
            last = marks.lastArchived(tp);
            held.put(tp, last);
        }
        if (record.offset() <= last) {
            LOG.debug("{}: offset {} is held already (up to {}), not written again", tp, record.offset(), last);
            return false;
        }
        try {
            PartitionFile file = open.get(tp);
            if (file == null) {
                file = PartitionFile.create(dir, tp, format, record.offset(), clock.instant());
                open.put(tp, file);
            }
            file.append(record);
            held.put(tp, record.offset());
            String reason = file.reasonToRotate(policy, clock.instant());
            if (reason != null) {
                rotate(tp, reason);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            stall(tp, record.offset(), e);
            return false;
        }
    }

    /** Makes the records appended to a partition part of its file: from now on they survive a crash. */
    public synchronized void commit(TopicPartition tp) {
        PartitionFile file = open.get(tp);
        if (file != null) {
            try {
                file.commit();
            } catch (IOException | RuntimeException e) {
                stall(tp, file.committedNextOffset(), e);
            }
        }
    }

    /** Partitions paused after a failed write, for the consumer to apply. */
    public StalledPartitions stalls() {
        return stalls;
    }

    /**
     * A write to a partition's file failed (a full disk, say): nothing is skipped. The file is reopened
     * as of its last commit, as after a crash, and the partition is paused, to be consumed again from
     * its first record not in the file once {@link #WRITE_RETRY_AFTER} has passed. The other partitions
     * go on.
     */
    private void stall(TopicPartition tp, long failedOffset, Exception cause) {
        long resumeAt = recover(tp, failedOffset);
        stalls.stall(tp, resumeAt, clock.instant().plus(WRITE_RETRY_AFTER));
        LOG.error("{}: could not write offset {} ({}); partition paused, consumed again from offset {} in {}s",
                tp, failedOffset, cause.toString(), resumeAt, WRITE_RETRY_AFTER.toSeconds());
    }

    /**
     * Reopens a partition's file as of its last commit, dropping what was appended since, and returns
     * the first offset it does not hold: {@code failedOffset} when the partition has no file open.
     * If the file cannot be reopened now, the next append creates or fails again and it is retried.
     */
    private long recover(TopicPartition tp, long failedOffset) {
        PartitionFile file = open.remove(tp);
        long resumeAt = file == null ? failedOffset : Math.min(failedOffset, file.committedNextOffset());
        held.put(tp, resumeAt - 1);
        if (file == null) {
            return resumeAt;
        }
        try {
            file.abandon();
            if (Files.exists(file.path())) {
                open.put(tp, PartitionFile.resume(file.path(), tp));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot reopen {} yet, will try again: {}", tp, file.path().getFileName(), e.toString());
        }
        return resumeAt;
    }

    /**
     * Rotates every in-progress file that is due: by age, in practice, as size and count rotate on
     * append. A file that cannot be rotated now stays in progress and is tried on the next round; the
     * other partitions' files rotate regardless.
     */
    public synchronized List<Path> rotateDue() {
        List<Path> rotated = new ArrayList<>();
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            String reason = open.get(tp).reasonToRotate(policy, clock.instant());
            if (reason != null) {
                Path file = rotate(tp, reason);
                if (file != null) {
                    rotated.add(file);
                }
            }
        }
        return rotated;
    }

    /**
     * Completes a partition's in-progress file now (its partition is being handed to another consumer,
     * say). A file that cannot be completed stays in progress, as of its last commit, and what did not
     * reach the disk is consumed again: it rotates on a later round.
     *
     * @return the rotated file, or null when there was none or it could not be completed
     */
    public synchronized Path rotate(TopicPartition tp, String reason) {
        PartitionFile file = open.get(tp);
        if (file == null) {
            return null;
        }
        Path rotated;
        try {
            rotated = file.complete(dir);
        } catch (IOException | RuntimeException e) {
            stall(tp, Long.MAX_VALUE, e);
            return null;
        }
        open.remove(tp);
        if (rotated != null) {
            LOG.info("Rotated {}: {}", rotated.getFileName(), reason);
        }
        return rotated;
    }

    /**
     * The first offset of a partition this instance does not hold: after its in-progress and pending
     * files and after what it last put in S3. -1 when it knows nothing of the partition.
     */
    public synchronized long nextOffset(TopicPartition tp) throws IOException {
        long last = Math.max(held.getOrDefault(tp, -1L), marks.lastArchived(tp));
        return last < 0 ? -1 : last + 1;
    }

    /** Records that a partition's offsets up to {@code lastOffset} are in S3. */
    public void markArchived(TopicPartition tp, long lastOffset) throws IOException {
        marks.markArchived(tp, lastOffset);
    }

    /**
     * The files of partitions leaving this instance, to upload before they go: their in-progress files
     * completed, then all of theirs that wait for compression or upload, oldest offsets first.
     * Quarantined files keep waiting for their retry.
     */
    public synchronized List<Path> handOff(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            rotate(tp, "partition handed off");
        }
        List<Path> files = new ArrayList<>();
        for (Path stage : List.of(dir.rotated(), dir.upload())) {
            for (Path file : WorkDir.filesIn(stage)) {
                if (partitions.contains(WorkDir.partitionOf(file).orElseThrow()) && !file.toString().endsWith(".partial")) {
                    files.add(file);
                }
            }
        }
        files.sort(java.util.Comparator.comparingLong(WorkDir::startOffsetOf));
        return files;
    }

    /** Files in {@code rotated/}, waiting to be compressed. */
    public List<Path> awaitingCompression() {
        return WorkDir.filesIn(dir.rotated());
    }

    /** Compressed files in {@code upload/}, waiting to be uploaded. */
    public List<Path> awaitingUpload() {
        return WorkDir.filesIn(dir.upload()).stream().filter(f -> !f.toString().endsWith(".partial")).toList();
    }

    /** Moves quarantined files back to {@code upload/} once they have waited long enough, for another round of attempts. */
    public List<Path> releaseQuarantine() throws IOException {
        List<Path> released = new ArrayList<>();
        java.time.Instant due = clock.instant().minus(quarantineRetryAfter);
        for (Path file : WorkDir.filesIn(dir.quarantine())) {
            if (!Files.getLastModifiedTime(file).toInstant().isAfter(due)) {
                released.add(WorkDir.moveTo(file, dir.upload()));
            }
        }
        return released;
    }

    /**
     * The offset a partition's commit may advance to: the start of its oldest file still on this disk,
     * or, with none left, just after what is in S3. Never past a file that is not uploaded yet, so a
     * lost machine loses no data.
     */
    public synchronized long committableOffset(TopicPartition tp) throws IOException {
        long oldest = Long.MAX_VALUE;
        PartitionFile current = open.get(tp);
        if (current != null && !current.isEmpty()) {
            oldest = current.firstOffset();
        }
        for (Path stage : List.of(dir.rotated(), dir.upload(), dir.quarantine())) {
            for (Path file : WorkDir.filesIn(stage)) {
                if (WorkDir.partitionOf(file).orElseThrow().equals(tp)) {
                    oldest = Math.min(oldest, WorkDir.startOffsetOf(file));
                }
            }
        }
        if (oldest != Long.MAX_VALUE) {
            return oldest;
        }
        long archived = marks.lastArchived(tp);
        return archived < 0 ? -1 : archived + 1;
    }

    /** Commits and closes every in-progress file where it is, for the next run to resume. */
    public synchronized void close() throws IOException {
        for (PartitionFile file : open.values()) {
            file.close();
        }
        open.clear();
    }

    private void hold(TopicPartition tp, long offset) {
        held.merge(tp, offset, Math::max);
    }
}
