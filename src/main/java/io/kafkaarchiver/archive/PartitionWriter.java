package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.CutTail;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/** Writes one topic-partition's in-progress MAK file in one life of its topic, until its rotation policy says it is complete. */
final class PartitionWriter {

    private final WorkFile file;
    private final MakWriter writer;
    private final Instant openedAt;
    /** The first record's timestamp, as the file holds it ({@link MakRecord#NO_TIMESTAMP} while it has none). */
    private long firstTimestamp;

    private PartitionWriter(WorkFile file, MakWriter writer, Instant openedAt, long firstTimestamp) {
        this.file = file;
        this.writer = writer;
        this.openedAt = openedAt;
        this.firstTimestamp = firstTimestamp;
    }

    static PartitionWriter create(WorkDir dir, TopicPartition tp, Life life, MakVersion format, long startOffset, Instant now) throws IOException {
        WorkFile file = new WorkFile(tp, life, startOffset, Stage.IN_PROGRESS, Compression.NONE);
        // kafkatos3 wrote float seconds with microsecond precision; so do we.
        MakFileHeader header = new MakFileHeader(tp.topic(), tp.partition(), startOffset, now.truncatedTo(ChronoUnit.MICROS));
        return new PartitionWriter(file, MakWriter.create(file.path(dir), format, header), now, MakRecord.NO_TIMESTAMP);
    }

    /**
     * Reopens a file left in progress by an earlier run (a crash, say), cutting off any torn tail, and any
     * damage a power loss left ({@link #cutTail}). Its first record, read back, gives its event-time bucket again.
     */
    static PartitionWriter resume(WorkDir dir, WorkFile file) throws IOException {
        MakWriter writer = MakWriter.resume(file.path(dir));
        try {
            long first = writer.summary().isEmpty() ? MakRecord.NO_TIMESTAMP : ArchiveFacts.firstTimestamp(file.path(dir));
            return new PartitionWriter(file, writer, writer.header().startTime(), first);
        } catch (IOException | RuntimeException e) {
            writer.abandon();
            throw e;
        }
    }

    WorkFile file() {
        return file;
    }

    /** What {@link #resume} cut off a damaged file. */
    Optional<CutTail> cutTail() {
        return writer.cutTail();
    }

    Instant openedAt() {
        return openedAt;
    }

    void append(MakRecord record) throws IOException {
        boolean first = writer.summary().isEmpty();
        writer.append(record);
        if (first) {
            firstTimestamp = record.timestamp();
        }
    }

    void commit() throws IOException {
        writer.commit();
    }

    boolean isEmpty() {
        return writer.summary().isEmpty();
    }

    long lastOffset() {
        return writer.summary().lastOffset();
    }

    /** What the rotation rules ask of the file: its size, its records, when it was opened, its first record's timestamp. */
    RotationRule.OpenFile figures() {
        return new RotationRule.OpenFile(writer.size(), writer.summary().recordCount(), openedAt, firstTimestamp);
    }

    /** Its first record's timestamp; {@link MakRecord#NO_TIMESTAMP} for none, or while it has no record. */
    long firstTimestamp() {
        return firstTimestamp;
    }

    /** Where the records begin, and where the last commit left them: the part of the file that no longer changes. */
    long recordsStart() {
        return writer.recordsStart();
    }

    long committedSize() {
        return writer.committedSize();
    }

    /**
     * Closes the file for good, durably, and moves it on to {@code rotated/}.
     *
     * @return what it holds, or null for an empty file, which is removed instead
     */
    ArchiveFacts complete(WorkDir dir) throws IOException {
        writer.sync();
        writer.close();
        if (isEmpty()) {
            Files.delete(file.path(dir));
            return null;
        }
        dir.move(file, file.in(Stage.ROTATED, Compression.NONE));
        return facts();
    }

    /** What the file holds, appended or committed. */
    ArchiveFacts facts() {
        return new ArchiveFacts(writer.version(), writer.header(), writer.summary(), firstTimestamp);
    }

    /** The first offset the file does not hold as of its last commit. */
    long committedNextOffset() {
        MakSummary committed = writer.committedSummary();
        return committed.isEmpty() ? writer.header().startOffset() : committed.lastOffset() + 1;
    }

    /** Closes the file without committing, after a failed write: it stays as of its last commit. */
    void abandon() throws IOException {
        writer.abandon();
    }

    /** Closes the file where it is, for the next run to resume. */
    void close() throws IOException {
        writer.close();
    }
}
