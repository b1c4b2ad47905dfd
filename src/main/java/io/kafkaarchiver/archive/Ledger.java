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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance's working directory holds, kept in memory: the shares of every partition and life of its
 * topic ({@link PartitionShare}), which life each partition is in now, the one its records are written to, and how
 * many files each stage holds. Built once from the folders when the archiver opens ({@link #recover}) and updated
 * as files move, so commits, hand-offs and metrics ask it, never the disk. Each share has a lock of its own: an
 * upload completing on one partition never waits for a write to another.
 */
public final class Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    private final WorkDir dir;
    private final ArchivedMarks marks;
    private final Clock clock;
    private final Map<TopicPartition, Map<Life, PartitionShare>> shares = new ConcurrentHashMap<>();
    /** Per partition, the share of the life its records are written to now. */
    private final Map<TopicPartition, PartitionShare> current = new ConcurrentHashMap<>();
    private final StageCounts counts = new StageCounts();
    /** Files an earlier run left in rotated/ and upload/, by name, for their stages to take up once. */
    private final Map<String, WorkFile> recovered = new LinkedHashMap<>();
    private volatile List<RecoveredFile> damaged = List.of();

    private Ledger(WorkDir dir, Clock clock) {
        this.dir = dir;
        this.marks = new ArchivedMarks(dir.state());
        this.clock = clock;
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
                PartitionShare p = ledger.share(file);
                Optional<ArchiveFacts> read = stage == Stage.ROTATED ? damaged.rotated(file) : damaged.object(file, p.hasCompleted(file.startOffset()));
                if (read.isEmpty()) {
                    continue;
                }
                p.recovered(file, read.get(), since);
                if (stage == Stage.QUARANTINE) {
                    ledger.recovered.remove(file.name());
                } else {
                    ledger.recovered.put(file.name(), file);
                }
            }
        }
        for (WorkFile file : dir.list(Stage.IN_PROGRESS)) {
            Optional<PartitionWriter> resumed = damaged.resume(file);
            if (resumed.isEmpty()) {
                continue;
            }
            ledger.share(file).resumed(resumed.get());
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
        WorkFile completed = share(file.file()).readAgainFrom(file.readAgainFrom());
        if (completed != null) {
            recovered.put(completed.name(), completed);
        }
    }

    /** The files a power loss had damaged, found when the archiver opened: cut, moved to {@code damaged/}, or dropped. */
    public List<RecoveredFile> damagedFiles() {
        return damaged;
    }

    /** The partition's share in the life it is in now (as {@code state/} says, at first use). */
    PartitionShare partition(TopicPartition tp) {
        return current.computeIfAbsent(tp, t -> {
            try {
                return share(t, marks.currentLife(t));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A partition's share in one life, made on first use from what {@code state/} says is archived. */
    PartitionShare share(TopicPartition tp, Life life) {
        return shares.computeIfAbsent(tp, t -> new ConcurrentHashMap<>()).computeIfAbsent(life, l -> {
            try {
                return new PartitionShare(tp, l, marks.lastArchived(tp, l), dir, clock, marks, counts);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    PartitionShare share(WorkFile file) {
        return share(file.partition(), file.life());
    }

    /** The life the partition's records are written to now. */
    public Life life(TopicPartition tp) {
        return partition(tp).life();
    }

    /**
     * The partition's records are written to {@code life} from now on; it is recorded in {@code state/}
     * first, so a restart knows it before Kafka is asked. The caller finishes the earlier life's in-progress file.
     *
     * @return the partition's share in {@code life}
     */
    PartitionShare startLife(TopicPartition tp, Life life) {
        try {
            marks.setCurrentLife(tp, life);
        } catch (IOException e) {
            // A restart then takes the earlier life for the current one until Kafka names the topic's id; nothing is lost.
            LOG.error("{}: cannot record in {} that its records are of {} now: {}", tp, dir.state(), life, e.toString());
        }
        PartitionShare next = share(tp, life);
        current.put(tp, next);
        return next;
    }

    /** Every share, of every partition and life (for closing their files). */
    Collection<PartitionShare> shares() {
        return shares.values().stream().flatMap(lives -> lives.values().stream()).toList();
    }

    /**
     * The partition's shares whose offsets are offsets of the log Kafka has for it now: its life's, that
     * life's earlier segments', and the unknown life's, which may be this life's from before ids were known.
     * A commit passes none of their files; the other lives' offsets say nothing of this log.
     */
    private List<PartitionShare> sameLog(TopicPartition tp) {
        PartitionShare now = partition(tp);
        return shares.getOrDefault(tp, Map.of()).values().stream()
                .filter(p -> p == now || p.life().topicId().equals(now.life().topicId()) || !p.life().known()).toList();
    }

    /** A completed file has moved to another stage (compressed, quarantined, released). */
    void moved(WorkFile from, WorkFile to) {
        share(from).moved(from, to);
    }

    /** The stage a file is in now; empty once it is archived. */
    Optional<WorkFile> current(WorkFile file) {
        return share(file).stageOf(file);
    }

    /** What a completed file holds. */
    public ArchiveFacts facts(WorkFile file) {
        return share(file).facts(file);
    }

    /**
     * A file's object is in S3: the file is forgotten and its offsets marked archived in its life (that mark
     * outlives the file, so a restart resumes after it even if the commit that follows is lost).
     *
     * @return where the partition's commit may advance to now, in the life it is in now
     */
    public CommitPoint archived(WorkFile file) throws IOException {
        share(file).archived(file);
        return committable(file.partition());
    }

    /**
     * Where a partition's commit may advance to, in the life it is in now: the start of its oldest file still
     * on this disk (of this life, an earlier segment of it, or the unknown life), or, with none left, just after
     * what is in S3; -1 when nothing is known. Never past a file that is not in S3 yet, so a lost machine
     * loses no data.
     */
    public CommitPoint committable(TopicPartition tp) {
        PartitionShare now = partition(tp);
        long oldest = sameLog(tp).stream().mapToLong(PartitionShare::oldestFileStart).min().orElse(Long.MAX_VALUE);
        return new CommitPoint(oldest == Long.MAX_VALUE ? now.afterArchived() : oldest, now.life().commitTag());
    }

    /** The first offset of a partition this instance does not hold, on disk or in S3; -1 when it knows nothing of it. */
    public long nextOffset(TopicPartition tp) {
        return partition(tp).nextOffset();
    }

    /** The completed files of some partitions that wait in the given stages and hold back their commits, oldest offsets first. */
    List<WorkFile> waiting(Collection<TopicPartition> of, Set<Stage> stages) {
        List<WorkFile> files = new ArrayList<>();
        for (TopicPartition tp : of) {
            for (PartitionShare p : sameLog(tp)) {
                files.addAll(p.waitingIn(stages));
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
        Instant oldest = shares.getOrDefault(tp, Map.of()).values().stream().flatMap(p -> p.oldestRecordsSince().stream())
                .min(Instant::compareTo).orElse(null);
        return new Unarchived(committable(tp).offset(), oldest);
    }

    /** The quarantined files, each with the time it entered quarantine. */
    public Map<WorkFile, Instant> quarantined() {
        return counts.quarantined();
    }

    /** Quarantined files that entered quarantine at {@code due} or before. */
    List<WorkFile> quarantinedBefore(Instant due) {
        return counts.quarantinedBefore(due);
    }

    /** The files an earlier run left in a stage (rotated/ or upload/); given once. */
    synchronized List<WorkFile> takeRecovered(Stage stage) {
        List<WorkFile> files = recovered.values().stream().filter(f -> f.stage() == stage).toList();
        files.forEach(f -> recovered.remove(f.name()));
        return files;
    }

    /** How many files are in a stage now. */
    public int count(Stage stage) {
        return counts.count(stage);
    }
}
