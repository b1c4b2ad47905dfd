package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.TopicPartition;

/** The in-progress MAK file of one topic-partition: appended to until its rotation policy says it is complete. */
final class PartitionFile {

    private final TopicPartition partition;
    private final MakWriter writer;
    private final Instant openedAt;

    private PartitionFile(TopicPartition partition, MakWriter writer, Instant openedAt) {
        this.partition = partition;
        this.writer = writer;
        this.openedAt = openedAt;
    }

    static PartitionFile create(WorkDir dir, TopicPartition tp, MakVersion format, long startOffset, Instant now) throws IOException {
        // kafkatos3 wrote float seconds with microsecond precision; so do we.
        MakFileHeader header = new MakFileHeader(tp.topic(), tp.partition(), startOffset, now.truncatedTo(ChronoUnit.MICROS));
        return new PartitionFile(tp, MakWriter.create(dir.inProgressFile(tp, startOffset), format, header), now);
    }

    /** Reopens a file left in progress by an earlier run (a crash, say), cutting off any torn tail. */
    static PartitionFile resume(Path file, TopicPartition tp) throws IOException {
        MakWriter writer = MakWriter.resume(file);
        return new PartitionFile(tp, writer, writer.header().startTime());
    }

    TopicPartition partition() {
        return partition;
    }

    void append(MakRecord record) throws IOException {
        writer.append(record);
    }

    void commit() throws IOException {
        writer.commit();
    }

    boolean isEmpty() {
        return writer.summary().isEmpty();
    }

    long firstOffset() {
        return writer.summary().firstOffset();
    }

    long lastOffset() {
        return writer.summary().lastOffset();
    }

    String reasonToRotate(RotationPolicy policy, Instant now) {
        return policy.reasonToRotate(writer.size(), writer.summary().recordCount(), openedAt, now);
    }

    /** Closes the file for good and moves it on to {@code rotated/}; an empty file is simply removed. */
    Path complete(WorkDir dir) throws IOException {
        writer.sync();
        writer.close();
        if (isEmpty()) {
            Files.delete(writer.file());
            return null;
        }
        return WorkDir.moveTo(writer.file(), dir.rotated());
    }

    /** The first offset the file does not hold as of its last commit. */
    long committedNextOffset() {
        MakSummary committed = writer.committedSummary();
        return committed.isEmpty() ? writer.header().startOffset() : committed.lastOffset() + 1;
    }

    Path path() {
        return writer.file();
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
