package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.metrics.ArchiveMetrics;

/**
 * What the archive's consumer does besides polling, on its own thread: commit what uploads made safe,
 * note timestamp types, pause stalled partitions, tell the metrics how far Kafka is ahead, position and
 * hand off partitions on rebalances, learning the ids of their topics ({@code lifeWatch}), and pause every
 * partition while the disk is short ({@code diskSpace}).
 */
public record ConsumerDuties(Archiver archiver, CommitQueue commits, TimestampTypes timestampTypes, PartitionHandOff handOff,
                             ArchiveMetrics metrics, KafkaLifeWatch lifeWatch, Assignments assignments,
                             DiskSpace diskSpace) {
}
