package io.kafkaarchiver.replay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How far a replay is, told as records complete: a log line every few seconds (records, records/s, position) and,
 * when the CamelContext has a Micrometer registry, a counter of the records and a gauge of each partition's next offset.
 */
final class ReplayProgress implements AutoCloseable {

    static final String RECORDS = "kafka.archiver.replay.records";
    static final String NEXT_OFFSET = "kafka.archiver.replay.next.offset";
    private static final Duration EVERY = Duration.ofSeconds(5);

    private final String topic;
    private final Consumer<String> log;
    private final LongSupplier nanoClock;
    private final MeterRegistry registry;
    private final Counter counter;
    private final Map<Integer, AtomicLong> nextOffsets = new HashMap<>();
    private final List<Meter> meters = new ArrayList<>();
    private final long startNanos;
    private long shownNanos;
    private long records;

    /** @param registry where the meters go; null for none */
    ReplayProgress(String topic, Consumer<String> log, LongSupplier nanoClock, MeterRegistry registry) {
        this.topic = topic;
        this.log = log;
        this.nanoClock = nanoClock;
        this.registry = registry;
        this.startNanos = nanoClock.getAsLong();
        this.shownNanos = startNanos;
        this.counter = registry == null ? null : register(Counter.builder(RECORDS).tags(Tags.of("topic", topic))
                .description("records a replay delivered and its route completed").register(registry));
    }

    void completed(int partition, long offset) {
        records++;
        if (registry != null) {
            counter.increment();
            nextOffsets.computeIfAbsent(partition, p -> {
                AtomicLong next = new AtomicLong();
                register(Gauge.builder(NEXT_OFFSET, next, AtomicLong::get).tags(Tags.of("topic", topic, "partition", p.toString()))
                        .description("the next offset a replay delivers in the partition").register(registry));
                return next;
            }).set(offset + 1);
        }
        long now = nanoClock.getAsLong();
        if (now - shownNanos >= EVERY.toNanos()) {
            shownNanos = now;
            double seconds = (now - startNanos) / 1e9;
            log.accept(String.format(Locale.ROOT, "replay of %s: %,d records, %,.0f records/s, at partition %d offset %d",
                    topic, records, records / seconds, partition, offset));
        }
    }

    long records() {
        return records;
    }

    /** Takes the meters out of the registry, as the route stops: a replay started again registers its own. */
    @Override
    public void close() {
        meters.forEach(m -> registry.remove(m));
        meters.clear();
    }

    private <M extends Meter> M register(M meter) {
        meters.add(meter);
        return meter;
    }
}
