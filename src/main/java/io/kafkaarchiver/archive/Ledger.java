package io.kafkaarchiver.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance's working directory holds, kept in memory: per partition and life of its topic
 * ({@link Life}), its in-progress file, its completed files by start offset and stage, and how far it is
 * held and archived; and which life each partition is in now, the one its records are written to. Built
 * once from the folders when the archiver opens ({@link #recover}) and updated as files move, so commits,
 * hand-offs and metrics ask it, never the disk. Each share (a partition in one life) has a lock of its
 * own: an upload completing on one partition never waits for a write to another.
 */
public final class Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    /** A completed file: where it is, what it holds, and since when it waits in its stage. */
    record Completed(WorkFile file, ArchiveFacts facts, Instant since) {
    }

    /** One partition's share of the ledger in one life of its topic; its monitor guards every field. */
    static final class PartitionLedger {
        final TopicPartition partition;
        final Life life;
        /** The in-progress file, or null. */
        PartitionWriter open;
        final NavigableMap<Long, Completed> completed = new TreeMap<>();
        /** The last offset held here, in a file or in S3: a record at or below it is not written again. */
        long held;
        /** The last offset known to be in S3. */
        long archived;
        /** Assigned to this instance (and the partition's life now): records of a partition that has left are not written. */
        boolean owned;
        /**
         * The first offset a damaged file lost, until a file is opened to hold what is read again from there:
         * no commit passes it meanwhile. {@code Long.MAX_VALUE} with none.
         */
        long lostFrom = Long.MAX_VALUE;

        PartitionLedger(TopicPartition partition, Life life, long archived) {
            this.partition = partition;
            this.life = life;
            this.archived = archived;
            this.held = archived;
        }

        void hold(long offset) {
            held = Math.max(held, offset);
        }

        /** The start of its oldest file still on this disk, or of offsets lost to be read again; {@code Long.MAX_VALUE} with none. */
        long oldestFileStart() {
            long oldest = Math.min(lostFrom, completed.isEmpty() ? Long.MAX_VALUE : completed.firstKey());
            if (open != null && !open.isEmpty()) {
                oldest = Math.min(oldest, open.file().startOffset());
            }
            return oldest;
        }
    }

    private final WorkDir dir;
    private final ArchivedMarks marks;
    private final Clock clock;
    private final Map<TopicPartition, Map<Life, PartitionLedger>> shares = new ConcurrentHashMap<>();
    /** Per partition, the share of the life its records are written to now. */
    private final Map<TopicPartition, PartitionLedger> current = new ConcurrentHashMap<>();
    private final Map<Stage, AtomicInteger> counts = new EnumMap<>(Stage.class);
    /** The quarantined files and since when each waits: asked every round, so not gathered from every partition. */
    private final Map<WorkFile, Instant> quarantined = new ConcurrentHashMap<>();
    /** Files an earlier run left in rotated/ and upload/, by name, for their stages to take up once. */
    private final Map<String, WorkFile> recovered = new LinkedHashMap<>();
    private volatile List<RecoveredFile> damaged = List.of();

    private Ledger(WorkDir dir, Clock clock) {
        this.dir = dir;
        this.marks = new ArchivedMarks(dir.state());
        this.clock = clock;
        for (Stage stage : Stage.values()) {
            counts.put(stage, new AtomicInteger());
        }
    }

    /**
     * Reads the working directory once: scratch from objects being built is dropped (they are built
     * again), completed files are noted with what they hold, and in-progress files are resumed, their
     * torn tails cut off. Files a power loss damaged are cut to their last good record or moved aside
     * ({@link DamagedFiles}), and their partitions are read again from the first offset they lost.
     */
    public static Ledger recover(WorkDir dir, Clock clock) throws IOException {
        Ledger ledger = new Ledger(dir, clock);
        DamagedFiles damaged = new DamagedFiles(dir);
        try (var scratch = Files.list(dir.compressing())) {
            for (Path p : scratch.toList()) {
                Files.delete(p);
            }
        }
        for (Stage stage : List.of(Stage.ROTATED, Stage.UPLOAD, Stage.QUARANTINE)) {
            for (WorkFile file : dir.list(stage)) {
                Instant since = Files.getLastModifiedTime(file.path(dir)).toInstant();
                PartitionLedger p = ledger.share(file);
                Completed earlier = p.completed.get(file.startOffset());
                Optional<ArchiveFacts> read = stage == Stage.ROTATED ? damaged.rotated(file) : damaged.object(file, earlier != null);
                if (read.isEmpty()) {
                    continue;
                }
                ArchiveFacts facts = read.get();
                if (earlier != null) {
                    // A crash came between making the later stage's file and removing the earlier one's.
                    Files.delete(earlier.file().path(dir));
                    ledger.counted(earlier.file(), earlier.since(), -1);
                }
                ledger.add(p, new Completed(file, facts, since));
                if (!facts.summary().isEmpty()) {
                    p.hold(facts.summary().lastOffset());
                }
                if (stage == Stage.QUARANTINE) {
                    ledger.recovered.remove(file.name());
                } else {
                    ledger.recovered.put(file.name(), file);
                }
            }
        }
        for (WorkFile file : dir.list(Stage.IN_PROGRESS)) {
            PartitionLedger p = ledger.share(file);
            Optional<PartitionWriter> resumed = damaged.resume(file);
            if (resumed.isEmpty()) {
                continue;
            }
            synchronized (p) {
                if (p.open != null) {
                    // Only one file per partition and life is ever in progress; an older one left behind is complete.
                    ledger.rotated(p, p.open.complete(dir));
                }
                ledger.opened(p, resumed.get());
                if (!resumed.get().isEmpty()) {
                    p.hold(resumed.get().lastOffset());
                }
            }
            LOG.info("Resumed {} after a restart: {}", file.fileName(),
                    resumed.get().isEmpty() ? "empty" : "up to offset " + resumed.get().lastOffset());
        }
        ledger.damaged = damaged.recovered();
        for (RecoveredFile file : ledger.damaged) {
            ledger.readAgain(file);
        }
        return ledger;
    }

    /**
     * A damaged file lost offsets its partition held: they are not held any more (unless they are in S3), so the
     * partition is read again from the first of them. Its in-progress file, if it holds later offsets, is
     * completed, and what is read again goes to a file of its own (offsets of later files are then archived
     * twice: at least once, never lost).
     */
    private void readAgain(RecoveredFile file) throws IOException {
        if (file.readAgainFrom() < 0) {
            return;
        }
        PartitionLedger p = share(file.file());
        synchronized (p) {
            long from = Math.max(file.readAgainFrom(), p.archived + 1);
            if (from > p.held) {
                return;
            }
            if (p.open != null && (p.open.file().startOffset() > from || (!p.open.isEmpty() && p.open.lastOffset() >= from))) {
                WorkFile completed = rotated(p, p.open.complete(dir));
                if (completed != null) {
                    recovered.put(completed.name(), completed);
                }
            }
            p.held = from - 1;
            if (p.open == null) {
                p.lostFrom = Math.min(p.lostFrom, from);
            }
        }
    }

    /** The files a power loss had damaged, found when the archiver opened: cut, moved to {@code damaged/}, or dropped. */
    public List<RecoveredFile> damagedFiles() {
        return damaged;
    }

    /** The partition's share in the life it is in now (as {@code state/} says, at first use). */
    PartitionLedger partition(TopicPartition tp) {
        return current.computeIfAbsent(tp, t -> {
            try {
                return share(t, marks.currentLife(t));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A partition's share in one life, made on first use from what {@code state/} says is archived. */
    PartitionLedger share(TopicPartition tp, Life life) {
        return shares.computeIfAbsent(tp, t -> new ConcurrentHashMap<>()).computeIfAbsent(life, l -> {
            try {
                return new PartitionLedger(tp, l, marks.lastArchived(tp, l));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    PartitionLedger share(WorkFile file) {
        return share(file.partition(), file.life());
    }

    /** The life the partition's records are written to now. */
    public Life life(TopicPartition tp) {
        return partition(tp).life;
    }

    /**
     * The partition's records are written to {@code life} from now on; it is recorded in {@code state/}
     * first, so a restart knows it before Kafka is asked. The caller finishes the earlier life's in-progress file.
     *
     * @return the partition's share in {@code life}
     */
    PartitionLedger startLife(TopicPartition tp, Life life) {
        try {
            marks.setCurrentLife(tp, life);
        } catch (IOException e) {
            // A restart then takes the earlier life for the current one until Kafka names the topic's id; nothing is lost.
            LOG.error("{}: cannot record in {} that its records are of {} now: {}", tp, dir.state(), life, e.toString());
        }
        PartitionLedger next = share(tp, life);
        current.put(tp, next);
        return next;
    }

    /**
     * {@code next} continues {@code earlier}'s offsets (the same log, under another life): it holds and has
     * archived what that held and archived, durably where the disk lets it. Called with both monitors held.
     */
    void continues(PartitionLedger next, PartitionLedger earlier) {
        next.hold(earlier.held);
        if (earlier.archived > next.archived) {
            next.archived = earlier.archived;
            try {
                marks.markArchived(next.partition, next.life, earlier.archived);
            } catch (IOException e) {
                // A restart then resumes at the group's commit, which is never past what is in S3: some offsets may be archived twice.
                LOG.error("{}: cannot record in {} that offsets up to {} are archived: {}", next.partition, dir.state(), earlier.archived, e.toString());
            }
        }
    }

    /** Every share, of every partition and life (for closing their files). */
    Collection<PartitionLedger> partitions() {
        return shares.values().stream().flatMap(lives -> lives.values().stream()).toList();
    }

    /**
     * The partition's shares whose offsets are offsets of the log Kafka has for it now: its life's, that
     * life's earlier segments', and the unknown life's, which may be this life's from before ids were known.
     * A commit passes none of their files; the other lives' offsets say nothing of this log.
     */
    private List<PartitionLedger> sameLog(TopicPartition tp) {
        PartitionLedger now = partition(tp);
        return shares.getOrDefault(tp, Map.of()).values().stream()
                .filter(p -> p == now || p.life.topicId().equals(now.life.topicId()) || !p.life.known()).toList();
    }

    /** Called with {@code p}'s monitor held. */
    void opened(PartitionLedger p, PartitionWriter writer) {
        p.open = writer;
        p.lostFrom = Long.MAX_VALUE;
        counts.get(Stage.IN_PROGRESS).incrementAndGet();
    }

    /** The open file has been completed ({@code facts}) or removed as empty ({@code null}). Called with {@code p}'s monitor held. */
    WorkFile rotated(PartitionLedger p, ArchiveFacts facts) {
        WorkFile file = p.open.file();
        p.open = null;
        counts.get(Stage.IN_PROGRESS).decrementAndGet();
        if (facts == null) {
            return null;
        }
        return add(p, new Completed(file.in(Stage.ROTATED, file.compression()), facts, clock.instant()));
    }

    /**
     * The open file could not be reopened after a failed write: it stays on disk, noted where it is,
     * so no commit passes it; the next run resumes it.
     */
    void stranded(PartitionLedger p) {
        WorkFile file = p.open.file();
        p.open = null;
        p.completed.put(file.startOffset(), new Completed(file, null, clock.instant()));
    }

    private WorkFile add(PartitionLedger p, Completed c) {
        p.completed.put(c.file().startOffset(), c);
        counted(c.file(), c.since(), 1);
        return c.file();
    }

    private void counted(WorkFile file, Instant since, int delta) {
        counts.get(file.stage()).addAndGet(delta);
        if (file.stage() == Stage.QUARANTINE) {
            if (delta > 0) {
                quarantined.put(file, since);
            } else {
                quarantined.remove(file);
            }
        }
    }

    /** A completed file has moved to another stage (compressed, quarantined, released). */
    void moved(WorkFile from, WorkFile to) {
        PartitionLedger p = share(from);
        Instant now = clock.instant();
        synchronized (p) {
            Completed c = p.completed.get(from.startOffset());
            p.completed.put(to.startOffset(), new Completed(to, c == null ? null : c.facts(), now));
        }
        counted(from, now, -1);
        counted(to, now, 1);
    }

    /** The stage a file is in now; empty once it is archived. */
    Optional<WorkFile> current(WorkFile file) {
        PartitionLedger p = share(file);
        synchronized (p) {
            Completed c = p.completed.get(file.startOffset());
            return c == null ? Optional.empty() : Optional.of(c.file());
        }
    }

    /** What a completed file holds. */
    public ArchiveFacts facts(WorkFile file) {
        PartitionLedger p = share(file);
        synchronized (p) {
            Completed c = p.completed.get(file.startOffset());
            if (c == null || c.facts() == null) {
                throw new IllegalStateException(file + " is not a completed file of this archiver");
            }
            return c.facts();
        }
    }

    /**
     * A file's object is in S3: the file is forgotten and its offsets marked archived in its life (that mark
     * outlives the file, so a restart resumes after it even if the commit that follows is lost).
     *
     * @return where the partition's commit may advance to now, in the life it is in now
     */
    public CommitPoint archived(WorkFile file) throws IOException {
        PartitionLedger p = share(file);
        synchronized (p) {
            Completed c = p.completed.get(file.startOffset());
            if (c != null && c.file().stage() == file.stage()) {
                p.completed.remove(file.startOffset());
                counted(file, c.since(), -1);
                long last = c.facts().summary().lastOffset();
                if (last > p.archived) {
                    marks.markArchived(file.partition(), file.life(), last);
                    p.archived = last;
                }
            }
        }
        return committable(file.partition());
    }

    /**
     * Where a partition's commit may advance to, in the life it is in now: the start of its oldest file still
     * on this disk (of this life, an earlier segment of it, or the unknown life), or, with none left, just after
     * what is in S3; -1 when nothing is known. Never past a file that is not in S3 yet, so a lost machine
     * loses no data.
     */
    public CommitPoint committable(TopicPartition tp) {
        PartitionLedger now = partition(tp);
        long oldest = Long.MAX_VALUE;
        for (PartitionLedger p : sameLog(tp)) {
            synchronized (p) {
                oldest = Math.min(oldest, p.oldestFileStart());
            }
        }
        if (oldest == Long.MAX_VALUE) {
            synchronized (now) {
                oldest = now.archived < 0 ? -1 : now.archived + 1;
            }
        }
        return new CommitPoint(oldest, now.life.commitTag());
    }

    /** The first offset of a partition this instance does not hold, on disk or in S3; -1 when it knows nothing of it. */
    public long nextOffset(TopicPartition tp) {
        PartitionLedger p = partition(tp);
        synchronized (p) {
            return p.held < 0 ? -1 : p.held + 1;
        }
    }

    /** The completed files of some partitions that wait in the given stages and hold back their commits, oldest offsets first. */
    List<WorkFile> waiting(Collection<TopicPartition> of, Set<Stage> stages) {
        List<WorkFile> files = new ArrayList<>();
        for (TopicPartition tp : of) {
            for (PartitionLedger p : sameLog(tp)) {
                synchronized (p) {
                    p.completed.values().stream().map(Completed::file).filter(f -> stages.contains(f.stage())).forEach(files::add);
                }
            }
        }
        files.sort(Comparator.comparingLong(WorkFile::startOffset));
        return files;
    }

    /**
     * What the partition has that is not in S3 yet: the offset its archive continues at in the life it is in
     * now ({@link #committable}), and since when its oldest file here, of any life, holds records (null when
     * it has none).
     */
    public record Unarchived(long nextOffset, Instant oldestSince) {
    }

    public Unarchived unarchived(TopicPartition tp) {
        Instant oldest = null;
        for (PartitionLedger p : shares.getOrDefault(tp, Map.of()).values()) {
            synchronized (p) {
                if (p.open != null && !p.open.isEmpty()) {
                    oldest = earlier(oldest, p.open.openedAt());
                }
                for (Completed c : p.completed.values()) {
                    if (c.facts() != null) {
                        oldest = earlier(oldest, c.facts().header().startTime());
                    }
                }
            }
        }
        return new Unarchived(committable(tp).offset(), oldest);
    }

    private static Instant earlier(Instant oldest, Instant time) {
        return oldest == null || time.isBefore(oldest) ? time : oldest;
    }

    /** The quarantined files, each with the time it entered quarantine. */
    public Map<WorkFile, Instant> quarantined() {
        return Map.copyOf(quarantined);
    }

    /** Quarantined files that entered quarantine at {@code due} or before. */
    List<WorkFile> quarantinedBefore(Instant due) {
        return quarantined().entrySet().stream().filter(e -> !e.getValue().isAfter(due)).map(Map.Entry::getKey).toList();
    }

    /** The files an earlier run left in a stage (rotated/ or upload/); given once. */
    synchronized List<WorkFile> takeRecovered(Stage stage) {
        List<WorkFile> files = recovered.values().stream().filter(f -> f.stage() == stage).toList();
        files.forEach(f -> recovered.remove(f.name()));
        return files;
    }

    /** How many files are in a stage now. */
    public int count(Stage stage) {
        return counts.get(stage).get();
    }
}
