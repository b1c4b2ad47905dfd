package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.WorkDir;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an upload goes when its retries are exhausted: the file moves to {@code quarantine/}, its
 * offsets stay uncommitted, nothing is deleted, and it is tried again later.
 */
public final class Quarantine implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final WorkDir dir;
    private final ArchiveMetrics metrics;

    public Quarantine(WorkDir dir, ArchiveMetrics metrics) {
        this.dir = dir;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Path file = exchange.getProperty(UploadRequest.FILE, Path.class);
        if (file == null) {
            file = exchange.getMessage().getBody(Path.class);
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (file != null && Files.exists(file)) {
            exchange.getMessage().setBody(dir.quarantine(file).toString());
        }
        metrics.uploadQuarantined();
        LOG.error("Upload of {} failed after all retries; quarantined, offsets not committed, will retry later: {}",
                file == null ? "(unknown file)" : file.getFileName(), cause == null ? "no cause" : cause.toString());
    }
}
