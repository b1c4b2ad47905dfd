package io.kafkaarchiver.mak;

/**
 * What resuming a damaged file cut off: the bytes kept (up to the last record that checks out), the bytes
 * dropped, and the damage that ended the records (the message a strict reader would have refused it with).
 */
public record CutTail(long keptBytes, long droppedBytes, String damage) {
}
