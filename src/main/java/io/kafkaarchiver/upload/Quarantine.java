package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.CompletedFiles;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.store.StoreRefusal;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an upload goes when its retries are exhausted, or at once when the store refused it: the file
 * moves to {@code quarantine/}, its offsets stay uncommitted, nothing is deleted, and it is tried again
 * as soon as the store answers, after {@code archive.quarantine.retry-after} at the latest.
 */
public final class Quarantine implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final CompletedFiles files;
    private final ArchiveMetrics metrics;
    private final StoreAnswers answers;

    public Quarantine(CompletedFiles files, ArchiveMetrics metrics, StoreAnswers answers) {
        this.files = files;
        this.metrics = metrics;
        this.answers = answers;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WorkFile file = exchange.getMessage().getBody(WorkFile.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (file != null && files.isWaiting(file)) {
            exchange.getMessage().setBody(files.quarantine(file).toString());
        }
        metrics.uploadQuarantined();
        Object named = file == null ? "(unknown file)" : file;
        String why = cause == null ? "no cause" : cause.toString();
        Optional<StoreRefusal> refusal = answers.refusal(cause);
        if (refusal.isPresent()) {
            // The refusal itself is told once, not once per file.
            answers.refused(refusal.get());
            LOG.warn("The store refused the upload of {} ({}); quarantined, offsets not committed", named, refusal.get().setting());
        } else if (exchange.getContext().isStopping()) {
            // No retry is left for after a stop (allowRedeliveryWhileStopping): the next run tries it as soon as the store answers.
            LOG.warn("Upload of {} failed as the archiver stops; quarantined, offsets not committed, tried again after the next start: {}",
                    named, why);
        } else {
            LOG.error("Upload of {} failed after all retries; quarantined, offsets not committed, will retry later: {}", named, why);
        }
    }
}
