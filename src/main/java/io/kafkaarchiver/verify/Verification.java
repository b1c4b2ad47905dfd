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
 * @param withoutKafka why Kafka was not compared with, when it was not
 */
public record Verification(Set<ArchiveCatalog.Source> sources, Optional<String> withoutKafka,
                           List<PartitionVerdict> partitions, List<String> problems) {

    /** True when nothing is wrong: no gap, no damaged object, no problem. Overlaps and lag are not wrong. */
    public boolean ok() {
        return problems.isEmpty() && partitions.stream().noneMatch(p -> p.status() == PartitionVerdict.Status.FAIL);
    }
}
