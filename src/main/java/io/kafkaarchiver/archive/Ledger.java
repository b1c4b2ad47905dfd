package io.kafkaarchiver.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance's working directory holds, kept in memory: per partition, its in-progress file,
 * its completed files by start offset and stage, and how far it is held and archived. Built once from
 * the folders when the archiver opens ({@link #recover}) and updated as files move, so commits,
 * hand-offs and metrics ask it, never the disk. Each partition's share has a lock of its own: an
 * upload completing on one partition never waits for a write to another.
 */
public final class Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    /** A completed file: where it is, what it holds, and since when it waits in its stage. */
    record Completed(WorkFile file, ArchiveFacts facts, Instant since) {
    }

    /** One partition's share of the ledger; its monitor guards every field. */
    static final class PartitionLedger {
        final TopicPartition partition;
        /** The in-progress file, or null. */
        PartitionWriter open;
        final NavigableMap<Long, Completed> completed = new TreeMap<>();
        /** The last offset held here, in a file or in S3: a record at or below it is not written again. */
        long held;
        /** The last offset known to be in S3. */
        long archived;
        /** Assigned to this instance: records of a partition that has left are not written. */
        boolean owned;

        PartitionLedger(TopicPartition partition, long archived) {
            this.partition = partition;
            this.archived = archived;
            this.held = archived;
        }

        void hold(long offset) {
            held = Math.max(held, offset);
        }

        long committableOffset() {
            long oldest = completed.isEmpty() ? Long.MAX_VALUE : completed.firstKey();
            if (open != null && !open.isEmpty()) {
                oldest = Math.min(oldest, open.file().startOffset());
            }
            if (oldest != Long.MAX_VALUE) {
                return oldest;
            }
            return archived < 0 ? -1 : archived + 1;
        }
    }

    private final WorkDir dir;
    private final ArchivedMarks marks;
    private final Clock clock;
    private final Map<TopicPartition, PartitionLedger> partitions = new ConcurrentHashMap<>();
    private final Map<Stage, AtomicInteger> counts = new EnumMap<>(Stage.class);
    /** The quarantined files and since when each waits: asked every round, so not gathered from every partition. */
    private final Map<WorkFile, Instant> quarantined = new ConcurrentHashMap<>();
    /** Files an earlier run left in rotated/ and upload/, by name, for their stages to take up once. */
    private final Map<String, WorkFile> recovered = new java.util.LinkedHashMap<>();

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
     * torn tails cut off.
     */
    public static Ledger recover(WorkDir dir, Clock clock) throws IOException {
        Ledger ledger = new Ledger(dir, clock);
        try (var scratch = Files.list(dir.compressing())) {
            for (Path p : scratch.toList()) {
                Files.delete(p);
            }
        }
        for (Stage stage : List.of(Stage.ROTATED, Stage.UPLOAD, Stage.QUARANTINE)) {
            for (WorkFile file : dir.list(stage)) {
                ArchiveFacts facts = ArchiveFacts.of(file.path(dir));
                Instant since = Files.getLastModifiedTime(file.path(dir)).toInstant();
                PartitionLedger p = ledger.partition(file.partition());
                Completed earlier = p.completed.get(file.startOffset());
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
            PartitionLedger p = ledger.partition(file.partition());
            PartitionWriter resumed = PartitionWriter.resume(dir, file);
            synchronized (p) {
                if (p.open != null) {
                    // Only one file per partition is ever in progress; an older one left behind is complete.
                    ledger.rotated(p, p.open.complete(dir));
                }
                ledger.opened(p, resumed);
                if (!resumed.isEmpty()) {
                    p.hold(resumed.lastOffset());
                }
            }
            LOG.info("Resumed {} after a restart: {}", file.fileName(), resumed.isEmpty() ? "empty" : "up to offset " + resumed.lastOffset());
        }
        return ledger;
    }

    /** The partition's share, made on first use from what {@code state/} says is archived. */
    PartitionLedger partition(TopicPartition tp) {
        return partitions.computeIfAbsent(tp, t -> {
            try {
                return new PartitionLedger(t, marks.lastArchived(t));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every partition with an in-progress file (for closing them). */
    Collection<PartitionLedger> partitions() {
        return partitions.values();
    }

    /** Called with {@code p}'s monitor held. */
    void opened(PartitionLedger p, PartitionWriter writer) {
        p.open = writer;
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
        PartitionLedger p = partition(from.partition());
        Instant now = clock.instant();
        synchronized (p) {
            Completed c = p.completed.get(from.startOffset());
            p.completed.put(to.startOffset(), new Completed(to, c == null ? null : c.facts(), now));
        }
        counted(from, now, -1);
        counted(to, now, 1);
    }

    /** The stage a file is in now; empty once it is archived. */
    java.util.Optional<WorkFile> current(WorkFile file) {
        PartitionLedger p = partition(file.partition());
        synchronized (p) {
            Completed c = p.completed.get(file.startOffset());
            return c == null ? java.util.Optional.empty() : java.util.Optional.of(c.file());
        }
    }

    /** What a completed file holds. */
    public ArchiveFacts facts(WorkFile file) {
        PartitionLedger p = partition(file.partition());
        synchronized (p) {
            Completed c = p.completed.get(file.startOffset());
            if (c == null || c.facts() == null) {
                throw new IllegalStateException(file + " is not a completed file of this archiver");
            }
            return c.facts();
        }
    }

    /**
     * A file's object is in S3: the file is forgotten and its offsets marked archived (that mark
     * outlives the file, so a restart resumes after it even if the commit that follows is lost).
     *
     * @return the offset the partition's commit may advance to now
     */
    public long archived(WorkFile file) throws IOException {
        PartitionLedger p = partition(file.partition());
        synchronized (p) {
            Completed c = p.completed.get(file.startOffset());
            if (c != null && c.file().stage() == file.stage()) {
                p.completed.remove(file.startOffset());
                counted(file, c.since(), -1);
                long last = c.facts().summary().lastOffset();
                if (last > p.archived) {
                    marks.markArchived(file.partition(), last);
                    p.archived = last;
                }
            }
            return p.committableOffset();
        }
    }

    /**
     * The offset a partition's commit may advance to: the start of its oldest file still on this disk,
     * or, with none left, just after what is in S3; -1 when nothing is known. Never past a file that is
     * not in S3 yet, so a lost machine loses no data.
     */
    public long committableOffset(TopicPartition tp) {
        PartitionLedger p = partition(tp);
        synchronized (p) {
            return p.committableOffset();
        }
    }

    /** The first offset of a partition this instance does not hold, on disk or in S3; -1 when it knows nothing of it. */
    public long nextOffset(TopicPartition tp) {
        PartitionLedger p = partition(tp);
        synchronized (p) {
            return p.held < 0 ? -1 : p.held + 1;
        }
    }

    /** The completed files of some partitions that wait in the given stages, oldest offsets first. */
    List<WorkFile> waiting(Collection<TopicPartition> of, Set<Stage> stages) {
        List<WorkFile> files = new ArrayList<>();
        for (TopicPartition tp : of) {
            PartitionLedger p = partition(tp);
            synchronized (p) {
                p.completed.values().stream().map(Completed::file).filter(f -> stages.contains(f.stage())).forEach(files::add);
            }
        }
        files.sort(Comparator.comparingLong(WorkFile::startOffset));
        return files;
    }

    /**
     * What the partition has that is not in S3 yet: the offset its archive continues at (the start of its
     * oldest file here, or just after what is archived; -1 when nothing is known), and since when its
     * oldest file here holds records (null when it has none).
     */
    public record Unarchived(long nextOffset, Instant oldestSince) {
    }

    public Unarchived unarchived(TopicPartition tp) {
        PartitionLedger p = partition(tp);
        synchronized (p) {
            Instant oldest = null;
            if (p.open != null && !p.open.isEmpty()) {
                oldest = p.open.openedAt();
            }
            for (Completed c : p.completed.values()) {
                if (c.facts() != null && (oldest == null || c.facts().header().startTime().isBefore(oldest))) {
                    oldest = c.facts().header().startTime();
                }
            }
            return new Unarchived(p.committableOffset(), oldest);
        }
    }

    /** The quarantined files, each with the time it entered quarantine. */
    public Map<WorkFile, Instant> quarantined() {
        return Map.copyOf(quarantined);
    }

    /** Quarantined files that have waited {@code wait} or longer. */
    List<WorkFile> quarantinedSince(Duration wait) {
        Instant due = clock.instant().minus(wait);
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
