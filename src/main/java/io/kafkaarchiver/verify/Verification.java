package io.kafkaarchiver.verify;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict on an archive: per topic-partition, and the problems that belong to none (catalog
 * entries that could not be read, topics asked for that are nowhere).
 *
 * @param sources      where the catalog came from (manifest, listing, or both for several topics)
 * @param withoutKafka    why Kafka was not compared with, when it was not
 * @param kafkaUnanswered Kafka was to be compared with and could not be asked: the check asked for was not made
 */
public record Verification(Set<ArchiveCatalog.Source> sources, Optional<String> withoutKafka, boolean kafkaUnanswered,
                           List<PartitionVerdict> partitions, List<String> problems) {

    /**
     * True when nothing is wrong: no gap, no damaged object, no problem, and Kafka compared with unless the user
     * said not to. Overlaps and lag are not wrong.
     */
    public boolean ok() {
        return !kafkaUnanswered && problems.isEmpty() && partitions.stream().noneMatch(p -> p.status() == PartitionVerdict.Status.FAIL);
    }
}
