package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.CompletedFiles;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the store whether it answers again while files wait in quarantine, so that they are tried again
 * as soon as it does, not only after {@code archive.quarantine.retry-after}: after a long outage, no new
 * upload may come to show that the store is back. While the store refuses (a setting to fix), it is asked
 * seldom, and by writing a probe object: a store may answer a listing, yet refuse puts.
 */
public final class StoreProbe {

    private static final Logger LOG = LoggerFactory.getLogger(StoreProbe.class);
    /** Rounds of the rotate route come at every file's deadline: the quarantine is looked at, and the store asked, at most this often. */
    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();
    /** A refusal lasts until someone changes a setting: asking more often would only fill the store's logs. */
    private static final Duration WHILE_REFUSED = Duration.ofMinutes(1);

    private final StoreCheck check;
    private final StoreAnswers answers;
    private final CompletedFiles files;
    private final long refusedEveryNanos;
    private long askedAt;
    private boolean asked;

    /** @param retryAfterMs {@code archive.quarantine.retry-after}: a refusing store is asked this often when that is less than a minute */
    public StoreProbe(StoreCheck check, StoreAnswers answers, CompletedFiles files, long retryAfterMs) {
        this.check = check;
        this.answers = answers;
        this.files = files;
        this.refusedEveryNanos = Math.min(WHILE_REFUSED.toNanos(), Duration.ofMillis(retryAfterMs).toNanos());
    }

    /** Called by each round of the rotate route, before it takes up the files that wait. */
    public synchronized void probe() {
        boolean refusing = answers.refusing();
        long now = System.nanoTime();
        if (asked && now - askedAt < (refusing ? refusedEveryNanos : EVERY_NANOS)) {
            return;
        }
        asked = true;
        askedAt = now;
        if (refusing) {
            answer(check.write());
        } else if (files.quarantineWaitsForStore()) {
            answer(check.read());
        }
    }

    private void answer(StoreCheck.Outcome outcome) {
        if (outcome instanceof StoreCheck.Refused refused) {
            LOG.debug("The store refuses: {}", outcome.line());
            answers.refused(refused.refusal());
        } else if (outcome instanceof StoreCheck.Accepted) {
            if (!answers.refusing()) {
                LOG.info("The store answers again ({}): the quarantined files are uploaded again now", outcome.line());
            }
            answers.accepted();
        } else {
            LOG.debug("The store does not answer yet: {}", outcome.line());
        }
    }
}
