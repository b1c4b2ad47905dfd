package io.kafkaarchiver.archive;

import java.nio.file.Path;

/**
 * A file a power loss had damaged, as the archiver found it when it opened: cut to its last record that
 * checks out, or moved to {@code damaged/}.
 *
 * @param droppedBytes  the bytes cut off, or the whole file's when it was moved aside or dropped
 * @param readAgainFrom the first offset it no longer holds, read again from Kafka unless in S3 already; -1
 *                      when nothing is read again (a damaged object whose rotated file makes it again)
 * @param movedTo       where it is now in {@code damaged/}; null when it was cut where it is, or dropped
 */
public record RecoveredFile(WorkFile file, long droppedBytes, long readAgainFrom, Path movedTo) {
}
