package io.kafkaarchiver.archive;

import io.kafkaarchiver.archive.Ledger.PartitionLedger;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes consumed records into their partitions' in-progress files, and rotates the files: as they
 * reach their size or record limit, when they are due by age ({@link #rotateDue}), and when their
 * partition leaves. What a file needs next (a chunk compressed, its object made) is handed back to the
 * caller, for the compression stage.
 */
public final class Archiver {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

    /** How long a partition whose file could not be written waits before it is tried again. */
    static final Duration WRITE_RETRY_AFTER = Duration.ofSeconds(10);

    private final WorkDir dir;
    private final MakVersion format;
    private final RotationPolicy policy;
    private final Clock clock;
    private final Ledger ledger;
    private final ObjectCompressor compressor;
    private final CompletedFiles completedFiles;
    private final RotationDeadlines deadlines = new RotationDeadlines();
    private final StalledPartitions stalls = new StalledPartitions();
    /** Files completed away from the write path (a rebalance), for the next round of the rotate route. */
    private final Queue<WorkFile> completedAside = new ConcurrentLinkedQueue<>();

    private Archiver(WorkDir dir, MakVersion format, RotationPolicy policy, Clock clock, Ledger ledger, Compression compression,
                     Duration quarantineRetryAfter) {
        this.dir = dir;
        this.format = format;
        this.policy = policy;
        this.clock = clock;
        this.ledger = ledger;
        this.compressor = new ObjectCompressor(dir, compression, ledger);
        this.completedFiles = new CompletedFiles(dir, ledger, quarantineRetryAfter);
    }

    /**
     * Opens the working directory, recovering what an earlier run left there ({@link Ledger#recover}).
     *
     * @param quarantineRetryAfter how long a file waits in quarantine before its upload is tried again
     */
    public static Archiver open(WorkDir dir, MakVersion format, RotationPolicy policy, Compression compression,
                                Duration quarantineRetryAfter, Clock clock) throws IOException {
        Archiver archiver = new Archiver(dir, format, policy, clock, Ledger.recover(dir, clock), compression, quarantineRetryAfter);
        for (PartitionLedger p : archiver.ledger.partitions()) {
            synchronized (p) {
                if (p.open != null) {
                    archiver.track(p.open);
                }
            }
        }
        return archiver;
    }

    public Ledger ledger() {
        return ledger;
    }

    public CompletedFiles completedFiles() {
        return completedFiles;
    }

    public ObjectCompressor compressor() {
        return compressor;
    }

    public RotationDeadlines deadlines() {
        return deadlines;
    }

    /** Partitions paused after a failed write, for the consumer to apply. */
    public StalledPartitions stalls() {
        return stalls;
    }

    /**
     * Writes one poll's records of a partition, in offset order, and commits them to the file: from
     * then on they survive a crash. A record this instance holds already (Kafka delivers again after a
     * reconnect), or of a partition that is not assigned to it any more, is left out, so each offset
     * is written once. A write that fails pauses the partition ({@link #stall}) and leaves the rest out.
     *
     * @param work gets the files that have work for the compression stage now
     * @return how many records are now safely in files
     */
    public int write(TopicPartition tp, List<MakRecord> records, Collection<WorkFile> work) {
        PartitionLedger p = ledger.partition(tp);
        synchronized (p) {
            if (!p.owned || stalls.isStalled(tp)) {
                return 0;
            }
            int written = 0;
            int appended = 0;
            for (MakRecord record : records) {
                if (record.offset() <= p.held) {
                    LOG.debug("{}: offset {} is held already (up to {}), not written again", tp, record.offset(), p.held);
                    continue;
                }
                try {
                    if (p.open == null) {
                        open(p, record.offset());
                    }
                    p.open.append(record);
                    p.hold(record.offset());
                    appended++;
                    String reason = p.open.reasonToRotate(policy, clock.instant());
                    if (reason != null) {
                        rotate(p, reason, work);
                        written += appended;
                        appended = 0;
                    }
                } catch (IOException | RuntimeException e) {
                    stall(p, record.offset(), e);
                    return written;
                }
            }
            if (p.open != null) {
                try {
                    p.open.commit();
                } catch (IOException | RuntimeException e) {
                    stall(p, p.open.committedNextOffset(), e);
                    return written;
                }
                if (compressor.committed(p.open)) {
                    work.add(p.open.file());
                }
            }
            stalls.wrote(tp);
            return written + appended;
        }
    }

    /**
     * A record could not be made from what Kafka delivered: its partition is paused and consumed again
     * from that record, as after a failed write, and never skipped.
     */
    public void stall(TopicPartition tp, long offset, Exception cause) {
        PartitionLedger p = ledger.partition(tp);
        synchronized (p) {
            if (p.owned && !stalls.isStalled(tp)) {
                stall(p, offset, cause);
            }
        }
    }

    private void open(PartitionLedger p, long startOffset) throws IOException {
        PartitionWriter writer = PartitionWriter.create(dir, p.partition, format, startOffset, clock.instant());
        ledger.opened(p, writer);
        track(writer);
    }

    private void track(PartitionWriter writer) {
        compressor.started(writer);
        deadlines.add(writer.file(), writer.openedAt().plus(policy.maxAge()));
    }

    /**
     * Rotates the files due by age now.
     *
     * @return the files for the compression stage: those completed now, and those that wait for it
     *         without having been handed to it (left by an earlier run, completed during a rebalance,
     *         or whose object could not be made last time)
     */
    public List<WorkFile> rotateDue() {
        List<WorkFile> work = new ArrayList<>(ledger.takeRecovered(Stage.ROTATED));
        for (WorkFile f = completedAside.poll(); f != null; f = completedAside.poll()) {
            work.add(f);
        }
        work.addAll(compressor.takeRetries());
        for (WorkFile due : deadlines.takeDue(clock.instant())) {
            PartitionLedger p = ledger.partition(due.partition());
            synchronized (p) {
                if (p.open != null && p.open.file().equals(due)) {
                    rotate(p, "open " + Duration.between(p.open.openedAt(), clock.instant()).toSeconds() + "s (archive.rotate.max-age "
                            + policy.maxAge() + ")", work);
                }
            }
        }
        return work;
    }

    /**
     * Completes a partition's in-progress file now. A file that cannot be completed stays in progress,
     * as of its last commit, and what did not reach the disk is consumed again.
     */
    private void rotate(PartitionLedger p, String reason, Collection<WorkFile> work) {
        PartitionWriter writer = p.open;
        deadlines.remove(writer.file());
        ArchiveFacts facts;
        try {
            facts = writer.complete(dir);
        } catch (IOException | RuntimeException e) {
            stall(p, Long.MAX_VALUE, e);
            if (p.open != null) {
                deadlines.add(p.open.file(), clock.instant().plus(WRITE_RETRY_AFTER));
            }
            return;
        }
        WorkFile rotated = ledger.rotated(p, facts);
        if (rotated == null) {
            compressor.discard(writer);
            return;
        }
        LOG.info("Rotated {}: {}", rotated, reason);
        if (compressor.completed(writer)) {
            work.add(rotated);
        }
    }

    /**
     * A partition is assigned to this instance. The group's committed offset says what has been
     * archived by whoever held the partition: if that is past what this instance holds, its own file
     * is completed and it resumes at the group's offset.
     *
     * @return where the partition resumes: after what this instance holds, or at the group's offset
     */
    public long assigned(TopicPartition tp, long groupCommitted) {
        PartitionLedger p = ledger.partition(tp);
        synchronized (p) {
            p.owned = true;
            long local = p.held < 0 ? -1 : p.held + 1;
            if (groupCommitted > local && p.open != null) {
                rotate(p, "the group has archived up to " + groupCommitted, completedAside);
            }
            p.hold(groupCommitted - 1);
            return Math.max(local, groupCommitted);
        }
    }

    /**
     * Partitions leaving this instance: their in-progress files completed, then every file of theirs
     * that waits for its object or its upload, oldest offsets first, to be put in S3 before they go.
     * Quarantined files keep waiting for their retry.
     */
    public List<WorkFile> handOff(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionLedger p = ledger.partition(tp);
            synchronized (p) {
                if (p.open != null) {
                    rotate(p, "partition handed off", completedAside);
                }
            }
        }
        return ledger.waiting(partitions, Set.of(Stage.ROTATED, Stage.UPLOAD));
    }

    /** Partitions no longer assigned here (revoked or lost): their files completed, records still in flight left out. */
    public void released(Collection<TopicPartition> partitions, String reason) {
        for (TopicPartition tp : partitions) {
            PartitionLedger p = ledger.partition(tp);
            synchronized (p) {
                if (p.open != null) {
                    rotate(p, reason, completedAside);
                }
                p.owned = false;
            }
        }
        stalls.forget(partitions);
    }

    /** The first offset of a partition this instance does not hold; -1 when it knows nothing of it. */
    public long nextOffset(TopicPartition tp) {
        return ledger.nextOffset(tp);
    }

    /**
     * A write to a partition's file failed (a full disk, say): nothing is skipped. The file is reopened
     * as of its last commit, as after a crash, and the partition is paused, to be consumed again from
     * its first record not in the file once {@link #WRITE_RETRY_AFTER} has passed. The other partitions
     * go on.
     */
    private void stall(PartitionLedger p, long failedOffset, Exception cause) {
        long resumeAt = recover(p, failedOffset);
        stalls.stall(p.partition, resumeAt, clock.instant(), clock.instant().plus(WRITE_RETRY_AFTER));
        LOG.error("{}: could not write offset {} ({}); partition paused, consumed again from offset {} in {}s",
                p.partition, failedOffset, cause.toString(), resumeAt, WRITE_RETRY_AFTER.toSeconds());
    }

    /**
     * Reopens a partition's file as of its last commit, dropping what was appended since, and returns
     * the first offset it does not hold: {@code failedOffset} when the partition has no file open.
     */
    private long recover(PartitionLedger p, long failedOffset) {
        PartitionWriter file = p.open;
        long resumeAt = file == null ? failedOffset : Math.min(failedOffset, file.committedNextOffset());
        p.held = resumeAt - 1;
        if (file == null) {
            return resumeAt;
        }
        try {
            file.abandon();
            p.open = PartitionWriter.resume(dir, file.file());
        } catch (IOException | RuntimeException e) {
            // It stays on disk as of its last commit, and no commit passes it; the next run resumes it.
            LOG.error("{}: cannot reopen {} yet; it waits for the next run: {}", p.partition, file.file(), e.toString());
            deadlines.remove(file.file());
            ledger.stranded(p);
        }
        return resumeAt;
    }

    /** Commits and closes every in-progress file where it is, for the next run to resume. */
    public void close() throws IOException {
        for (PartitionLedger p : ledger.partitions()) {
            synchronized (p) {
                if (p.open != null) {
                    p.open.close();
                }
            }
        }
    }
}
