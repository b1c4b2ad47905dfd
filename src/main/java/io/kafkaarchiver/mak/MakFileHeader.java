package io.kafkaarchiver.mak;

import java.time.Instant;
import java.util.Objects;

/** What a MAK file says about itself up front: where its records come from and when it was started. */
public record MakFileHeader(String topic, int partition, long startOffset, Instant startTime) {

    public MakFileHeader {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(startTime, "startTime");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
        if (startOffset < 0) {
            throw new IllegalArgumentException("start offset must not be negative: " + startOffset);
        }
    }

    /** The start time as the header JSON holds it, epoch seconds as Python prints a float ("1479132000.0"). */
    public String startTimeSeconds() {
        return HeaderJson.epochSeconds(startTime);
    }
}
