package io.kafkaarchiver.verify;

/** Asks Kafka whether one partition still holds any record between two offsets. */
@FunctionalInterface
public interface RecordProbe {

    /** True when Kafka holds at least one record with an offset in {@code from..to} (inclusive). */
    boolean hasRecords(long from, long to);
}
