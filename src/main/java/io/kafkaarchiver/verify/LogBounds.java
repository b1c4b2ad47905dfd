package io.kafkaarchiver.verify;

/**
 * What Kafka holds of a partition: offsets from its log start (the oldest offset retention has kept)
 * up to, not including, its log end (the offset the next record will get).
 */
public record LogBounds(long start, long end) {

    public boolean isEmpty() {
        return end <= start;
    }
}
