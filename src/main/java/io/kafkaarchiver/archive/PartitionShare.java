package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's share of the archive in one life of its topic, and its rules: its in-progress file, written,
 * committed, rotated and stalled after a failed write; its completed files on their way to S3; and how far it is
 * held and archived, which says where its commit may advance. Its monitor guards all of it.
 */
final class PartitionShare {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionShare.class);

    /** How long a partition whose file could not be written waits before it is tried again. */
    static final Duration WRITE_RETRY_AFTER = Duration.ofSeconds(10);
    /** Late records are warned of at most this often per share. */
    static final Duration LATE_WARNING_EVERY = Duration.ofMinutes(5);

    /** A completed file: where it is, what it holds, and since when it waits in its stage. */
    private record Completed(WorkFile file, ArchiveFacts facts, Instant since) {
    }

    /**
     * What one {@link #write} did: how many records it made safe, where it stopped (the first record at or below
     * what is held, or the end), and whether the rest is left out: the share is not written here (not assigned,
     * stalled), or a failed write stalled it.
     */
    record Run(int written, int next, boolean stopped) {
    }

    private final TopicPartition partition;
    private final Life life;
    private final WorkDir dir;
    private final Clock clock;
    private final ArchivedMarks marks;
    private final StageCounts counts;
    /** The in-progress file, or null. */
    private PartitionWriter open;
    private final NavigableMap<Long, Completed> completed = new TreeMap<>();
    /** The last offset held here, in a file or in S3: a record at or below it is not written again. */
    private long held;
    /** The last offset known to be in S3. */
    private long archived;
    /** Assigned to this instance (and the partition's life now): records of a partition that has left are not written. */
    private boolean owned;
    /**
     * The first offset a damaged file lost, until a file is opened to hold what is read again from there:
     * no commit passes it meanwhile. {@code Long.MAX_VALUE} with none.
     */
    private long lostFrom = Long.MAX_VALUE;
    /** When a late record was last warned of (null: never), and how many have come since. */
    private Instant lateWarnedAt;
    private long lateSinceWarned;

    PartitionShare(TopicPartition partition, Life life, long archived, WorkDir dir, Clock clock, ArchivedMarks marks, StageCounts counts) {
        this.partition = partition;
        this.life = life;
        this.archived = archived;
        this.held = archived;
        this.dir = dir;
        this.clock = clock;
        this.marks = marks;
        this.counts = counts;
    }

    TopicPartition partition() {
        return partition;
    }

    Life life() {
        return life;
    }

    /**
     * Appends records from {@code from} on, up to one at or below what is held, and commits them: from then on they
     * survive a crash. A file that reaches its policy's limit rotates on the way, and one a record of another hour or
     * day does not belong in ({@code archive.rotate.event-time}) rotates before that record, which opens the next; a
     * write or a rotation that fails stalls the share, and the rest is left out.
     *
     * @param work gets the files that have work for the compression stage now
     */
    synchronized Run write(List<MakRecord> records, int from, WritePath path, Collection<WorkFile> work) {
        if (!owned || path.stalls().isStalled(partition)) {
            return new Run(0, from, true);
        }
        int written = 0;
        int appended = 0;
        int next = from;
        for (; next < records.size() && records.get(next).offset() > held; next++) {
            MakRecord record = records.get(next);
            try {
                if (open != null && path.policy().looksBeforeAppending()) {
                    String before = path.policy().reasonToRotateBefore(open.figures(), record);
                    if (before != null) {
                        boolean late = record.timestamp() < open.firstTimestamp();
                        rotateOpen(before, path, work);
                        if (path.stalls().isStalled(partition)) {
                            // Not completed: reopened as of its last commit, and consumed again from there.
                            return new Run(written, next, true);
                        }
                        written += appended;
                        appended = 0;
                        if (late) {
                            lateRecord(record, before);
                        }
                    }
                }
                if (open == null) {
                    open(record.offset(), path);
                }
                open.append(record);
                hold(record.offset());
                appended++;
                String reason = path.policy().reasonToRotate(open.figures(), clock.instant());
                if (reason != null) {
                    rotateOpen(reason, path, work);
                    if (path.stalls().isStalled(partition)) {
                        // Not completed: reopened as of its last commit, and consumed again from there, never past a hole.
                        return new Run(written, next, true);
                    }
                    written += appended;
                    appended = 0;
                }
            } catch (IOException | RuntimeException e) {
                stall(record.offset(), e, path);
                return new Run(written, next, true);
            }
        }
        if (open != null) {
            try {
                open.commit();
            } catch (IOException | RuntimeException e) {
                stall(open.committedNextOffset(), e, path);
                return new Run(written, next, true);
            }
            if (path.compressor().committed(open)) {
                work.add(open.file());
            }
        }
        path.stalls().wrote(partition);
        return new Run(written + appended, next, false);
    }

    /**
     * A late record (its timestamp in an earlier hour or day than the file open for it) completed the file and opened
     * one in its own bucket. Said at WARN once per {@link #LATE_WARNING_EVERY} at most, with how many there were since:
     * a partition whose timestamps go back and forth between buckets makes a small file of every run of records.
     */
    private void lateRecord(MakRecord record, String reason) {
        lateSinceWarned++;
        Instant now = clock.instant();
        if (lateWarnedAt != null && now.isBefore(lateWarnedAt.plus(LATE_WARNING_EVERY))) {
            return;
        }
        LOG.warn("{}: a late record completed its file: {}. It opened a file of its own hour or day ({} late record(s) since the last "
                + "warning, at most one warning per {}s); records whose timestamps go back and forth make many small files",
                partition, reason, lateSinceWarned, LATE_WARNING_EVERY.toSeconds());
        lateWarnedAt = now;
        lateSinceWarned = 0;
    }

    /** A record of this share could not be made from what Kafka delivered: stalled as after a failed write, unless it is not written here. */
    synchronized void stallUnreadable(long offset, Exception cause, WritePath path) {
        if (owned && !path.stalls().isStalled(partition)) {
            stall(offset, cause, path);
        }
    }

    private void open(long startOffset, WritePath path) throws IOException {
        PartitionWriter writer = PartitionWriter.create(dir, partition, life, path.format(), startOffset, clock.instant());
        opened(writer);
        track(writer, path);
    }

    private void opened(PartitionWriter writer) {
        open = writer;
        lostFrom = Long.MAX_VALUE;
        counts.added(writer.file(), clock.instant());
    }

    private static void track(PartitionWriter writer, WritePath path) {
        path.compressor().started(writer);
        path.deadlines().add(writer.file(), path.policy().deadline(writer.openedAt()));
    }

    /** Its in-progress file, resumed when the archiver opened, is compressed as it is written and rotated at its deadline. */
    synchronized void trackResumed(WritePath path) {
        if (open != null) {
            track(open, path);
        }
    }

    /** Completes its in-progress file now, if it has one ({@link #rotateOpen}). */
    synchronized void rotate(String reason, WritePath path, Collection<WorkFile> work) {
        if (open != null) {
            rotateOpen(reason, path, work);
        }
    }

    /** Completes its in-progress file if it is {@code due}, whose deadline has come. */
    synchronized void rotateDue(WorkFile due, WritePath path, Collection<WorkFile> work) {
        if (open != null && open.file().equals(due)) {
            rotateOpen(path.policy().reasonAtDeadline(open.openedAt(), clock.instant()), path, work);
        }
    }

    /**
     * Completes the in-progress file now. A file that cannot be completed stays in progress, as of its last commit,
     * what did not reach the disk is consumed again, and it is tried again {@link #WRITE_RETRY_AFTER} from now.
     */
    private void rotateOpen(String reason, WritePath path, Collection<WorkFile> work) {
        PartitionWriter writer = open;
        path.deadlines().remove(writer.file());
        ArchiveFacts facts;
        try {
            facts = writer.complete(dir);
        } catch (IOException | RuntimeException e) {
            stall(Long.MAX_VALUE, e, path);
            if (open != null) {
                path.deadlines().add(open.file(), clock.instant().plus(WRITE_RETRY_AFTER));
            }
            return;
        }
        WorkFile rotated = rotated(facts);
        if (rotated == null) {
            path.compressor().discard(writer);
            return;
        }
        LOG.info("Rotated {}: {}", rotated, reason);
        if (path.compressor().completed(writer)) {
            work.add(rotated);
        }
    }

    /** The open file has been completed ({@code facts}) or removed as empty ({@code null}). */
    private WorkFile rotated(ArchiveFacts facts) {
        WorkFile file = open.file();
        open = null;
        counts.removed(file);
        if (facts == null) {
            return null;
        }
        return add(new Completed(file.in(Stage.ROTATED, file.compression()), facts, clock.instant()));
    }

    private WorkFile add(Completed c) {
        completed.put(c.file().startOffset(), c);
        counts.added(c.file(), c.since());
        return c.file();
    }

    /**
     * A write to the file failed (a full disk, say): nothing is skipped. The file is reopened as of its last commit,
     * as after a crash, and the partition is paused, to be consumed again from its first record not in the file once
     * {@link #WRITE_RETRY_AFTER} has passed. The other partitions go on.
     */
    private void stall(long failedOffset, Exception cause, WritePath path) {
        long resumeAt = reopen(failedOffset, path);
        path.stalls().stall(partition, resumeAt, clock.instant(), clock.instant().plus(WRITE_RETRY_AFTER));
        LOG.error("{}: could not write offset {} ({}); partition paused, consumed again from offset {} in {}s",
                partition, failedOffset, cause.toString(), resumeAt, WRITE_RETRY_AFTER.toSeconds());
    }

    /**
     * Reopens the in-progress file as of its last commit, dropping what was appended since, and returns the first
     * offset it does not hold: {@code failedOffset} when there is no file open.
     */
    private long reopen(long failedOffset, WritePath path) {
        PartitionWriter file = open;
        long resumeAt = file == null ? failedOffset : Math.min(failedOffset, file.committedNextOffset());
        held = resumeAt - 1;
        if (file == null) {
            return resumeAt;
        }
        try {
            file.abandon();
            open = PartitionWriter.resume(dir, file.file());
        } catch (IOException | RuntimeException e) {
            // It stays on disk as of its last commit, noted where it is so no commit passes it; the next run resumes it.
            LOG.error("{}: cannot reopen {} yet; it waits for the next run: {}", partition, file.file(), e.toString());
            path.deadlines().remove(file.file());
            open = null;
            completed.put(file.file().startOffset(), new Completed(file.file(), null, clock.instant()));
        }
        return resumeAt;
    }

    /**
     * Assigned to this instance. The group's committed offset says what has been archived by whoever held the
     * partition, if it was committed in this life: if that is past what this share holds, its own file is completed
     * and it resumes at the group's offset.
     *
     * @return where the partition resumes: after what this share holds, or at the group's offset; -1 for the start of
     *         its log (the group's offset is of another life)
     */
    synchronized long assigned(CommitPoint group, WritePath path, Collection<WorkFile> work) {
        owned = true;
        long committed = group.offset();
        if (committed >= 0 && !group.isFor(life)) {
            LOG.info("{}: the group's committed offset {} is of another life of topic {} (topic id {}), not of topic id {}: not resumed from",
                    partition, committed, partition.topic(), group.topicId(), life.topicId());
            committed = -1;
        }
        long local = nextOffset();
        if (committed > local && open != null) {
            rotateOpen("the group has archived up to " + committed, path, work);
        }
        hold(committed - 1);
        return Math.max(local, committed);
    }

    /** No longer assigned here (revoked or lost): its file completed, records still in flight left out. */
    synchronized void released(String reason, WritePath path, Collection<WorkFile> work) {
        rotate(reason, path, work);
        owned = false;
    }

    /**
     * The partition's records go to another life from now on: this life's in-progress file is finished as this
     * life's, and the share {@code next} gives takes over the assignment.
     *
     * @param continues true when the next life's offsets continue this one's: it holds and has archived what this did
     */
    synchronized void passTo(Supplier<PartitionShare> next, boolean continues, String reason, WritePath path, Collection<WorkFile> work) {
        if (open != null) {
            rotateOpen(reason, path, work);
            // A file that could not be finished now is tried again at its deadline; the new life does not wait for it.
            path.stalls().forget(List.of(partition));
        }
        next.get().takeOver(this, continues);
        owned = false;
    }

    /** Called with {@code earlier}'s monitor held. */
    private synchronized void takeOver(PartitionShare earlier, boolean continues) {
        owned = earlier.owned;
        if (!continues) {
            return;
        }
        hold(earlier.held);
        if (earlier.archived > archived) {
            archived = earlier.archived;
            try {
                marks.markArchived(partition, life, earlier.archived);
            } catch (IOException e) {
                // A restart then resumes at the group's commit, which is never past what is in S3: some offsets may be archived twice.
                LOG.error("{}: cannot record in {} that offsets up to {} are archived: {}", partition, dir.state(), earlier.archived, e.toString());
            }
        }
    }

    private void hold(long offset) {
        held = Math.max(held, offset);
    }

    /** The last offset held here, in a file or in S3. */
    synchronized long held() {
        return held;
    }

    /** The first offset not held here, on disk or in S3; -1 when nothing is known. */
    synchronized long nextOffset() {
        return held < 0 ? -1 : held + 1;
    }

    /** The offset after what is in S3; -1 when nothing is known. */
    synchronized long afterArchived() {
        return archived < 0 ? -1 : archived + 1;
    }

    /** The start of its oldest file still on this disk, or of offsets lost to be read again; {@code Long.MAX_VALUE} with none. */
    synchronized long oldestFileStart() {
        long oldest = Math.min(lostFrom, completed.isEmpty() ? Long.MAX_VALUE : completed.firstKey());
        if (open != null && !open.isEmpty()) {
            oldest = Math.min(oldest, open.file().startOffset());
        }
        return oldest;
    }

    /** Since when its oldest file here holds records; empty when it has none. */
    synchronized Optional<Instant> oldestRecordsSince() {
        Stream<Instant> inProgress = open != null && !open.isEmpty() ? Stream.of(open.openedAt()) : Stream.empty();
        Stream<Instant> completedSince = completed.values().stream().filter(c -> c.facts() != null).map(c -> c.facts().header().startTime());
        return Stream.concat(inProgress, completedSince).min(Instant::compareTo);
    }

    /** Its completed files waiting in {@code stages}. */
    synchronized List<WorkFile> waitingIn(Set<Stage> stages) {
        return completed.values().stream().map(Completed::file).filter(f -> stages.contains(f.stage())).toList();
    }

    /** The stage {@code file} is in now; empty once it is archived. */
    synchronized Optional<WorkFile> stageOf(WorkFile file) {
        Completed c = completed.get(file.startOffset());
        return c == null ? Optional.empty() : Optional.of(c.file());
    }

    /** What a completed file holds. */
    synchronized ArchiveFacts facts(WorkFile file) {
        Completed c = completed.get(file.startOffset());
        if (c == null || c.facts() == null) {
            throw new IllegalStateException(file + " is not a completed file of this archiver");
        }
        return c.facts();
    }

    /** A completed file has moved to another stage (compressed, quarantined, released). */
    synchronized void moved(WorkFile from, WorkFile to) {
        Instant now = clock.instant();
        Completed c = completed.get(from.startOffset());
        completed.put(to.startOffset(), new Completed(to, c == null ? null : c.facts(), now));
        counts.removed(from);
        counts.added(to, now);
    }

    /**
     * A file's object is in S3: the file is forgotten and its offsets marked archived (that mark outlives the file,
     * so a restart resumes after it even if the commit that follows is lost).
     */
    synchronized void archived(WorkFile file) throws IOException {
        Completed c = completed.get(file.startOffset());
        if (c == null || c.file().stage() != file.stage()) {
            return;
        }
        completed.remove(file.startOffset());
        counts.removed(file);
        long last = c.facts().summary().lastOffset();
        if (last > archived) {
            marks.markArchived(partition, life, last);
            archived = last;
        }
    }

    /** Whether a completed file starting at {@code startOffset} was found already, in another stage. */
    synchronized boolean hasCompleted(long startOffset) {
        return completed.containsKey(startOffset);
    }

    /**
     * A completed file an earlier run left, found in its stage since {@code since}. Found in an earlier stage too, a
     * crash came between making this stage's file and removing the earlier one's: that one is removed.
     */
    synchronized void recovered(WorkFile file, ArchiveFacts facts, Instant since) throws IOException {
        Completed earlier = completed.get(file.startOffset());
        if (earlier != null) {
            Files.delete(earlier.file().path(dir));
            counts.removed(earlier.file());
        }
        add(new Completed(file, facts, since));
        if (!facts.summary().isEmpty()) {
            hold(facts.summary().lastOffset());
        }
    }

    /** An in-progress file an earlier run left, resumed; only one is ever in progress, so an older one left behind is complete. */
    synchronized void resumed(PartitionWriter writer) throws IOException {
        if (open != null) {
            rotated(open.complete(dir));
        }
        opened(writer);
        if (!writer.isEmpty()) {
            hold(writer.lastOffset());
        }
    }

    /**
     * A damaged file lost offsets from {@code lostFrom} on: they are not held any more (unless they are in S3). The
     * in-progress file, if it holds later offsets, is completed, and what is read again goes to a file of its own.
     *
     * @return the file completed now, for its stage to take up; null when none was
     */
    synchronized WorkFile readAgainFrom(long lostOffset) throws IOException {
        long from = Math.max(lostOffset, archived + 1);
        if (from > held) {
            return null;
        }
        WorkFile completedNow = null;
        if (open != null && (open.file().startOffset() > from || (!open.isEmpty() && open.lastOffset() >= from))) {
            completedNow = rotated(open.complete(dir));
        }
        held = from - 1;
        if (open == null) {
            lostFrom = Math.min(lostFrom, from);
        }
        return completedNow;
    }

    /** Commits and closes its in-progress file where it is, for the next run to resume. */
    synchronized void close() throws IOException {
        if (open != null) {
            open.close();
        }
    }
}
