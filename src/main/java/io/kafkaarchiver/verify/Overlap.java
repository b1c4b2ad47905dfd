package io.kafkaarchiver.verify;

/**
 * Offsets {@code from..to} held by two objects of one partition: harmless (after a rebalance the
 * old and the new owner of a partition can both archive an offset; both copies are the same), but
 * reported, because it doubles what readers download.
 */
public record Overlap(long from, long to, String firstKey, String secondKey) {
}
