package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.CompletedFiles;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an upload goes when its retries are exhausted: the file moves to {@code quarantine/}, its
 * offsets stay uncommitted, nothing is deleted, and it is tried again after
 * {@code archive.quarantine.retry-after}.
 */
public final class Quarantine implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final CompletedFiles files;
    private final ArchiveMetrics metrics;

    public Quarantine(CompletedFiles files, ArchiveMetrics metrics) {
        this.files = files;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WorkFile file = exchange.getMessage().getBody(WorkFile.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (file != null && files.isWaiting(file)) {
            exchange.getMessage().setBody(files.quarantine(file).toString());
        }
        metrics.uploadQuarantined();
        LOG.error("Upload of {} failed after all retries; quarantined, offsets not committed, will retry later: {}",
                file == null ? "(unknown file)" : file, cause == null ? "no cause" : cause.toString());
    }

}
