package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakVersion;

/**
 * What every partition's share writes and rotates its files through: the format new files are written in, the
 * rotation policy and the deadlines it sets, the compression stage, and the stalls of partitions whose writes failed.
 */
record WritePath(MakVersion format, RotationPolicy policy, RotationDeadlines deadlines, ObjectCompressor compressor,
                 StalledPartitions stalls) {
}
