package io.kafkaarchiver.restore;

import io.kafkaarchiver.mak.MakRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Restores one partition from its checkpoint on: first the records an interrupted run wrote past its
 * checkpoint are matched with the archive's and counted as restored, then the rest is written in
 * offset order. After each batch (so many records, bytes, or a second) the producer is flushed, the
 * offset map written, and only then the checkpoint moved, so a restart never writes a record twice.
 */
final class PartitionRestore {

    private static final int BATCH_RECORDS = 5_000;
    private static final long BATCH_BYTES = 8L << 20;
    private static final long BATCH_NANOS = 1_000_000_000L;

    /** A record of the batch: where it came from, and where it went (known, or once its send completes). */
    private record Written(long sourceOffset, long targetOffset, Future<RecordMetadata> send) {
    }

    private final TopicPartition target;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final TargetCluster cluster;
    private final OffsetMap offsetMap;
    private final RateLimit rateLimit;
    private final Progress progress;
    private final List<Written> batch = new ArrayList<>();
    private RestoreCheckpoint checkpoint;
    private long batchBytes;
    private long batchStart = System.nanoTime();

    PartitionRestore(String targetTopic, RestoreCheckpoint checkpoint, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer,
                     TargetCluster cluster, OffsetMap offsetMap, RateLimit rateLimit, Progress progress) {
        this.target = new TopicPartition(targetTopic, checkpoint.partition());
        this.checkpoint = checkpoint;
        this.producer = producer;
        this.consumer = consumer;
        this.cluster = cluster;
        this.offsetMap = offsetMap;
        this.rateLimit = rateLimit;
        this.progress = progress;
    }

    /** @return how many records were found already written by an interrupted run */
    long run(ArchiveRecords records) throws IOException, InterruptedException {
        MakRecord r = next(records);
        long found = 0;
        if (r != null) {
            LandedRecords landed = new LandedRecords(consumer, target, checkpoint.targetOffset());
            for (ConsumerRecord<byte[], byte[]> t = landed.next(); r != null && t != null && RestoredRecord.matches(r, t); t = landed.next()) {
                add(new Written(r.offset(), t.offset(), null), r);
                found++;
                r = next(records);
            }
        }
        while (r != null) {
            rateLimit.acquire();
            add(new Written(r.offset(), -1, producer.send(RestoredRecord.of(target.topic(), target.partition(), r))), r);
            r = next(records);
        }
        commit();
        return found;
    }

    private void add(Written written, MakRecord r) throws IOException {
        batch.add(written);
        batchBytes += r.payloadSize();
        progress.add(1, r.payloadSize());
        if (batch.size() >= BATCH_RECORDS || batchBytes >= BATCH_BYTES || System.nanoTime() - batchStart >= BATCH_NANOS) {
            commit();
        }
    }

    /** The next archived record; when the archive cannot be read, what was written before is checkpointed first. */
    private MakRecord next(ArchiveRecords records) throws IOException {
        try {
            return records.next();
        } catch (IOException e) {
            commit();
            throw RestoreException.failed(e.getMessage() + " (a restore started again resumes " + target
                    + " at source offset " + checkpoint.nextSourceOffset() + ")", e);
        } catch (RuntimeException e) {
            commit();
            throw e;
        }
    }

    private void commit() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        producer.flush();
        RestoreCheckpoint reached = checkpoint;
        for (Written w : batch) {
            long targetOffset = w.send() == null ? w.targetOffset() : offsetOf(w.send());
            offsetMap.add(target.partition(), w.sourceOffset(), target.partition(), targetOffset);
            reached = reached.after(w.sourceOffset(), targetOffset);
        }
        offsetMap.flush();
        cluster.commit(target.topic(), reached);
        checkpoint = reached;
        batch.clear();
        batchBytes = 0;
        batchStart = System.nanoTime();
    }

    private long offsetOf(Future<RecordMetadata> send) {
        try {
            return send.get().offset();
        } catch (ExecutionException e) {
            throw RestoreException.failed("writing to " + target + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RestoreException.failed("interrupted while writing to " + target, e);
        }
    }
}
