package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.commit.CommitQueue;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an object is complete in S3: remember its offsets as archived, remove the local file, and
 * hand the partition's new commit offset to the consumer thread.
 */
public final class UploadCompletion implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UploadCompletion.class);

    private final Archiver archiver;
    private final CommitQueue commits;
    private final ArchiveMetrics metrics;

    public UploadCompletion(Archiver archiver, CommitQueue commits, ArchiveMetrics metrics) {
        this.archiver = archiver;
        this.commits = commits;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ArchiveFacts facts = exchange.getProperty(UploadRequest.FACTS, ArchiveFacts.class);
        Path file = exchange.getProperty(UploadRequest.FILE, Path.class);
        TopicPartition tp = new TopicPartition(facts.header().topic(), facts.header().partition());
        archiver.markArchived(tp, facts.summary().lastOffset());
        metrics.objectUploaded(exchange.getMessage().getHeader(AWS2S3Constants.CONTENT_LENGTH, 0L, Long.class));
        Files.deleteIfExists(file);
        LOG.info("Archived {} offsets {}..{} ({} records) as {}", tp, facts.summary().firstOffset(), facts.summary().lastOffset(),
                facts.summary().recordCount(), exchange.getMessage().getHeader(AWS2S3Constants.KEY));
        commits.offer(tp, archiver.committableOffset(tp));
    }
}
