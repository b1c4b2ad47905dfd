package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.CommitPoint;
import io.kafkaarchiver.archive.CompletedFiles;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.consumer.CommitQueue;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an object is complete in the store: its offsets are marked archived, the local file removed, and the
 * partition's new commit offset handed to the consumer's thread. The store answers: what waits in
 * quarantine is tried again, and a refusal ends.
 */
public final class UploadCompletion implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UploadCompletion.class);

    private final CompletedFiles files;
    private final CommitQueue commits;
    private final ArchiveMetrics metrics;
    private final StoreAnswers answers;

    public UploadCompletion(CompletedFiles files, CommitQueue commits, ArchiveMetrics metrics, StoreAnswers answers) {
        this.files = files;
        this.commits = commits;
        this.metrics = metrics;
        this.answers = answers;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WorkFile file = exchange.getProperty(UploadRequest.FILE, WorkFile.class);
        ArchiveFacts facts = files.facts(file);
        CommitPoint committable = files.archived(file);
        answers.accepted();
        metrics.objectUploaded(file.partition(), exchange.getMessage().getHeader(UploadRequest.SIZE, 0L, Long.class));
        LOG.info("Archived {} offsets {}..{} ({} records{}) as {}", file.partition(), facts.summary().firstOffset(), facts.summary().lastOffset(),
                facts.summary().recordCount(), file.life().known() ? ", topic id " + file.life().label() : "",
                exchange.getMessage().getHeader(UploadRequest.KEY));
        commits.offer(file.partition(), committable);
    }
}
