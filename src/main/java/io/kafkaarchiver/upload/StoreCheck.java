package io.kafkaarchiver.upload;

import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.StoreRefusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the store once whether the archive can work with it: it lists, and, for the archiver, a
 * probe object can be written and is removed again. A refusal is a setting to fix; a store that does not answer may be starting, and is no one's mistake.
 */
public final class StoreCheck {

    /** What the store's answers showed. */
    public sealed interface Outcome {
        /** One line on what was done or found. */
        String line();
    }

    /** Everything asked was allowed. */
    public record Accepted(String line) implements Outcome {
    }

    /** The store refused, for a reason that retrying will not change. */
    public record Refused(StoreRefusal refusal) implements Outcome {
        @Override
        public String line() {
            return refusal.toString();
        }
    }

    /** The store did not answer (or answered with an error that may pass). */
    public record Unanswered(String line) implements Outcome {
    }

    private final ArchiveStore store;
    private final String probeKey;

    /** @param probeKey where the write probe goes ({@link io.kafkaarchiver.catalog.Manifest#accessCheckKey()}) */
    public StoreCheck(ArchiveStore store, String probeKey) {
        this.store = store;
        this.probeKey = probeKey;
    }

    /** Lists the archive: all that the commands reading it need. */
    public Outcome read() {
        return ask(false);
    }

    /** Lists the archive, then writes the probe (as every object is written, encrypted alike) and removes it: what archiving needs. */
    public Outcome write() {
        return ask(true);
    }

    private Outcome ask(boolean write) {
        try {
            // A list, not a HEAD: S3's error to it has a body, which tells a wrong secret from an unknown access key. Of the
            // probe's own key, so that it reads next to nothing.
            store.list(probeKey, false, Optional.empty());
            if (!write) {
                return new Accepted(store.describe() + ": listed");
            }
            store.put(probeKey, ("kafka-archiver's store check wrote this at " + Instant.now() + ", to be removed at once\n")
                    .getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), new Precondition.Overwrite());
            return new Accepted(store.describe() + ": listed, and a probe object written" + removed());
        } catch (RuntimeException e) {
            return store.refusal(e).<Outcome>map(Refused::new)
                    .orElseGet(() -> new Unanswered(store.describe() + " did not answer: " + e.getMessage()));
        }
    }

    /** Removing the probe is courtesy: a store that keeps objects from deletion still archives (the archiver never deletes). */
    private String removed() {
        try {
            store.delete(probeKey);
            return " and removed (" + probeKey + ")";
        } catch (RuntimeException e) {
            return ", not removed (" + probeKey + ": " + e.getMessage() + "); the archiver never deletes objects otherwise";
        }
    }
}
