package io.kafkaarchiver.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the store refuses the archive now, and which setting it names: the upload side says so, readiness
 * and the metrics read it.
 */
public final class StoreStanding {

    /**
     * A refusal in force.
     *
     * @param setting the setting it names, e.g. {@code s3.bucket}
     * @param said    what the store said
     * @param since   when it first refused
     */
    public record Refusal(String setting, String said, Instant since) {
    }

    private final Clock clock;
    private final AtomicReference<Refusal> refusal = new AtomicReference<>();

    public StoreStanding(Clock clock) {
        this.clock = clock;
    }

    /**
     * The store refused, naming {@code setting}.
     *
     * @return true when this begins a refusal: none was in force, or one naming another setting
     */
    public boolean refused(String setting, String said) {
        Refusal now = new Refusal(setting, said, clock.instant());
        Refusal before = refusal.getAndUpdate(r -> r != null && r.setting().equals(setting) ? r : now);
        return before == null || !before.setting().equals(setting);
    }

    /**
     * The store accepted the archive's request.
     *
     * @return the refusal this ends, if one was in force
     */
    public Optional<Refusal> accepted() {
        return Optional.ofNullable(refusal.getAndSet(null));
    }

    /** The refusal in force, if any. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal.get());
    }
}
