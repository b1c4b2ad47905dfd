package io.kafkaarchiver.mak;

/**
 * What resuming a damaged file cut off: the bytes kept (up to the last record that checks out), the bytes
 * dropped, and the damage that ended the records (what a strict reader would have refused it for, where and why).
 */
public record CutTail(long keptBytes, long droppedBytes, String damage) {
}
