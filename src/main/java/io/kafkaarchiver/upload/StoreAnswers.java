package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.CompletedFiles;
import io.kafkaarchiver.archive.StoreStanding;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.StoreRefusal;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store's answers mean to the archive: an object taken, or a probe accepted, brings the quarantined
 * files back at once and ends a refusal; a refusal ({@link StoreRefusal}: a setting to fix, which no retry
 * changes) is told once, at ERROR, naming the setting, until the store accepts again.
 */
public final class StoreAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAnswers.class);

    private final CompletedFiles files;
    private final StoreStanding standing;
    private final ArchiveMetrics metrics;
    private final ArchiveStore store;

    public StoreAnswers(CompletedFiles files, StoreStanding standing, ArchiveMetrics metrics, ArchiveStore store) {
        this.files = files;
        this.standing = standing;
        this.metrics = metrics;
        this.store = store;
    }

    /** The refusal {@code failure} is, or is caused by; empty for what may pass (an outage, a throttle). */
    public Optional<StoreRefusal> refusal(Throwable failure) {
        return failure == null ? Optional.empty() : store.refusal(failure);
    }

    /** For the upload stage's error handling: true when the exchange failed on a refusal. */
    public boolean refuses(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return refusal(failure).isPresent();
    }

    /** True while a refusal is in force. */
    public boolean refusing() {
        return standing.refusal().isPresent();
    }

    /** The store refused an upload or a probe. */
    public void refused(StoreRefusal refusal) {
        metrics.storeRefused(refusal.setting());
        if (standing.refused(refusal.setting(), refusal.message())) {
            LOG.error("The store refuses uploads: bad setting {}; files wait in quarantine, tried again once it takes a probe object"
                    + " (asked every minute, or every archive.quarantine.retry-after if shorter)", refusal);
        }
    }

    /** The store took an object, or accepted a probe. */
    public void accepted() {
        files.storeAnswered();
        standing.accepted().ifPresent(ended -> LOG.info("The store accepts uploads again (it refused them since {}, naming {}):"
                + " the quarantined files are uploaded now", ended.since(), ended.setting()));
    }
}
