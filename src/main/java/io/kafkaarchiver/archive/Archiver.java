package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.parquet.ParquetOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands consumed records to the share of their partition's life that writes them ({@link PartitionShare}), and
 * tells shares when to rotate: at their deadline ({@link #rotateDue}), and when their partition is assigned, leaves,
 * or starts another life. What a file needs next (a chunk compressed, its object made) is handed back to the
 * caller, for the compression stage. Each partition's records go to the life of its topic they belong to
 * ({@link Life}): a topic deleted and created again, or a partition's log cut back, starts another, archived
 * beside the earlier one.
 */
public final class Archiver {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

    private final Clock clock;
    private final Ledger ledger;
    private final ObjectCompressor compressor;
    private final CompletedFiles completedFiles;
    private final LifeWatch lifeWatch;
    /** The new lives warned of, as {@code <topic> <topic id>}: each once, whichever partition finds it first. */
    private final Set<String> newLivesTold = ConcurrentHashMap.newKeySet();
    private final RotationDeadlines deadlines = new RotationDeadlines();
    private final StalledPartitions stalls = new StalledPartitions();
    private final WritePath path;
    /** Files completed away from the write path (a rebalance), for the next round of the rotate route. */
    private final Queue<WorkFile> completedAside = new ConcurrentLinkedQueue<>();

    private Archiver(WorkDir dir, MakVersion format, RotationPolicy policy, Clock clock, Ledger ledger, Compression compression,
                     ParquetOptions parquet, Duration quarantineRetryAfter, LifeWatch lifeWatch) {
        this.clock = clock;
        this.ledger = ledger;
        this.lifeWatch = lifeWatch;
        this.compressor = new ObjectCompressor(dir, compression, parquet, ledger);
        this.completedFiles = new CompletedFiles(dir, ledger, quarantineRetryAfter, clock);
        this.path = new WritePath(format, policy, deadlines, compressor, stalls);
    }

    /**
     * Opens the working directory, recovering what an earlier run left there ({@link Ledger#recover}).
     *
     * @param quarantineRetryAfter how long a file waits in quarantine before its upload is tried again
     * @param lifeWatch            asked for topic ids when offsets go back, and told of new lives and truncations
     */
    public static Archiver open(WorkDir dir, MakVersion format, RotationPolicy policy, Compression compression,
                                Duration quarantineRetryAfter, Clock clock, LifeWatch lifeWatch) throws IOException {
        return open(dir, format, policy, compression, Optional.empty(), quarantineRetryAfter, clock, lifeWatch);
    }

    /**
     * As {@link #open(WorkDir, MakVersion, RotationPolicy, Compression, Duration, Clock, LifeWatch)}, for objects of either kind.
     *
     * @param compression how a completed file becomes its object: compressed (or not), or {@link Compression#PARQUET}
     * @param parquet     how Parquet objects are written: present with {@link Compression#PARQUET}, and only then
     */
    public static Archiver open(WorkDir dir, MakVersion format, RotationPolicy policy, Compression compression, Optional<ParquetOptions> parquet,
                                Duration quarantineRetryAfter, Clock clock, LifeWatch lifeWatch) throws IOException {
        ParquetOptions options = compression == Compression.PARQUET ? parquet.orElse(ParquetOptions.DEFAULTS) : null;
        Archiver archiver = new Archiver(dir, format, policy, clock, Ledger.recover(dir, clock), compression, options, quarantineRetryAfter,
                lifeWatch);
        for (PartitionShare p : archiver.ledger.shares()) {
            p.trackResumed(archiver.path);
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
     * then on they survive a crash. Records of a partition that is not assigned here any more are left
     * out. A record at or below what this instance holds is never left out as held already: the consumer
     * is never positioned there ({@code ArchiveConsumer#seek}), so Kafka moved the position back by
     * itself, its log no longer holding what was read, and the records from there on start a new life or
     * segment ({@link #positionWentBack}). A write that fails pauses the partition ({@link #stall}) and
     * leaves the rest out.
     *
     * @param work gets the files that have work for the compression stage now
     * @return how many records are now safely in files
     */
    public int write(TopicPartition tp, List<MakRecord> records, Collection<WorkFile> work) {
        int written = 0;
        int next = 0;
        while (true) {
            PartitionShare.Run run = ledger.partition(tp).write(records, next, path, work);
            written += run.written();
            if (run.stopped() || run.next() == records.size()) {
                return written;
            }
            // Kafka is asked outside the share's lock: uploads of the partition go on meanwhile.
            positionWentBack(tp, records.get(run.next()).offset());
            next = run.next();
        }
    }

    /**
     * A record could not be made from what Kafka delivered: its partition is paused and consumed again
     * from that record, as after a failed write, and never skipped.
     */
    public void stall(TopicPartition tp, long offset, Exception cause) {
        ledger.partition(tp).stallUnreadable(offset, cause, path);
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
            ledger.share(due).rotateDue(due, path, work);
        }
        return work;
    }

    /**
     * A partition is assigned to this instance. Kafka's id for its topic now, when Kafka could say, tells
     * which life its records belong to: another id than the life's it is in starts a new life (or names
     * the unknown life's). The group's committed offset says what has been archived by whoever held the
     * partition, if it was committed in this life: if that is past what this instance holds, its own file
     * is completed and it resumes at the group's offset.
     *
     * @param topicId Kafka's id for the partition's topic now; empty when Kafka could not say
     * @param group   the group's committed offset, with the topic id it was committed for
     * @return where the partition resumes: after what this instance holds, or at the group's offset; -1
     *         for the start of its log (the group's offset is of another life)
     */
    public long assigned(TopicPartition tp, Optional<String> topicId, CommitPoint group) {
        lifeWatch.watching(tp);
        topicId.ifPresent(id -> learned(tp, id));
        return ledger.partition(tp).assigned(group, path, completedAside);
    }

    /** Kafka says the partition's topic has {@code topicId}: a life other than the one archived now starts. */
    private void learned(TopicPartition tp, String topicId) {
        Life life = ledger.life(tp);
        if (life.topicId().equals(topicId)) {
            return;
        }
        Life next = Life.of(topicId);
        if (life.known()) {
            startLife(tp, next, false, "topic " + tp.topic() + " has a new topic id");
            told(tp.topic(), life, next);
        } else {
            // What this instance wrote before it knew ids was of this life, in all likelihood: it resumes after it.
            // Were it of an earlier life, Kafka would move the position back below it, and a segment of its own would start.
            startLife(tp, next, true, "topic " + tp.topic() + " has topic id " + topicId);
        }
    }

    /**
     * Kafka moved a partition's position back below what this instance holds of it, by itself: its log
     * no longer holds what was read from it. Kafka is asked the topic's id: another id than the life's
     * means the topic was deleted and created again, and its records from {@code offset} on start its new
     * life; the same id (or none, when Kafka cannot say) means the partition's log was cut back (an unclean
     * leader election), and they start a new segment of the life. Either way they are archived under keys
     * of their own, beside what was held, and never left out as held already.
     */
    private void positionWentBack(TopicPartition tp, long offset) {
        PartitionShare p = ledger.partition(tp);
        Life life = p.life();
        long held = p.held();
        Life next = lifeAfter(tp, life, held, offset);
        while (heldIn(tp, next) >= offset) {
            // A life this instance held offsets of already: its records from here on are a segment of their own too.
            next = next.nextSegment();
        }
        startLife(tp, next, false, "offsets went back to " + offset);
    }

    private long heldIn(TopicPartition tp, Life life) {
        return ledger.share(tp, life).held();
    }

    private Life lifeAfter(TopicPartition tp, Life life, long held, long offset) {
        Optional<String> topicId = lifeWatch.topicIdNow(tp.topic());
        if (topicId.isPresent() && !topicId.get().equals(life.topicId())) {
            Life next = Life.of(topicId.get());
            if (life.known()) {
                told(tp.topic(), life, next);
            } else {
                LOG.warn("{}: Kafka gave offset {} again after offsets up to {} were written here before the archiver knew topic ids: those "
                        + "were of an earlier life of topic {}, whose id is {} now; they are uploaded as they were, and these records "
                        + "archived as topic id {}", tp, offset, held, tp.topic(), next.topicId(), next.topicId());
            }
            return next;
        }
        Life next = life.nextSegment();
        LOG.warn("{}: Kafka gave offset {} again after offsets up to {} were held here, in the same life of topic {} ({}): {}. The records "
                + "from offset {} on are archived as segment {} of that life ({}), under keys of their own, beside those held before",
                tp, offset, held, tp.topic(), topicId.map(id -> "topic id " + id).orElse(life.toString()),
                topicId.isPresent() ? "Kafka's log of the partition was cut back (an unclean leader election?)"
                        : "Kafka could not say whether the topic was deleted and created again or the partition's log was cut back",
                offset, next.segment(), next);
        lifeWatch.truncated(tp);
        return next;
    }

    private void told(String topic, Life from, Life to) {
        if (newLivesTold.add(topic + " " + to.topicId())) {
            LOG.warn("Topic {} was deleted and created again: Kafka gives it topic id {} now, the archive had {}. Its records are archived "
                    + "as a new life, beside the old one's (their keys hold the topic id); the old life's files are finished and uploaded "
                    + "as the old life", topic, to.topicId(), from.topicId());
            lifeWatch.newLife(topic);
        }
    }

    /**
     * The partition's records are written to {@code life} from now on: the earlier life's in-progress file
     * is finished (and uploaded as that life), and the partition stays assigned here.
     *
     * @param continues true when {@code life}'s offsets continue the earlier life's (the unknown life's, once
     *                  Kafka names it): it resumes after what that held
     */
    private void startLife(TopicPartition tp, Life life, boolean continues, String reason) {
        ledger.partition(tp).passTo(() -> ledger.startLife(tp, life), continues, reason, path, completedAside);
    }

    /**
     * Partitions leaving this instance: their in-progress files completed, then every file of theirs
     * that waits for its object or its upload, oldest offsets first, to be put in S3 before they go.
     * Quarantined files keep waiting for their retry. The files completed now are the hand-off's to make
     * into objects ({@link #handedOff} gives the stages what it did not get to).
     */
    public List<WorkFile> handOff(Collection<TopicPartition> partitions) {
        List<WorkFile> completed = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            ledger.partition(tp).rotate("partition handed off", path, completed);
        }
        return ledger.waiting(partitions, Set.of(Stage.ROTATED, Stage.UPLOAD));
    }

    /**
     * After a hand-off: those of its files that still wait for their object (its budget ran out first) go to
     * the compression stage with the next round of the rotate route.
     */
    public void handedOff(List<WorkFile> files) {
        for (WorkFile f : files) {
            if (ledger.current(f).filter(c -> c.stage() == Stage.ROTATED).isPresent()) {
                completedAside.add(f);
            }
        }
    }

    /** Partitions no longer assigned here (revoked or lost): their files completed, records still in flight left out. */
    public void released(Collection<TopicPartition> partitions, String reason) {
        for (TopicPartition tp : partitions) {
            ledger.partition(tp).released(reason, path, completedAside);
        }
        stalls.forget(partitions);
    }

    /** The first offset of a partition this instance does not hold; -1 when it knows nothing of it. */
    public long nextOffset(TopicPartition tp) {
        return ledger.nextOffset(tp);
    }

    /** Commits and closes every in-progress file where it is, for the next run to resume. */
    public void close() throws IOException {
        for (PartitionShare p : ledger.shares()) {
            p.close();
        }
    }
}
