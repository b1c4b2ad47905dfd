package io.kafkaarchiver.restore;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.restore.RestorePlan.PartitionPlan;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.NoSuchObjectException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads a topic's records back from the archive, as restore and replay both do: the life of the topic
 * chosen, the window's objects planned per partition, and each partition's records streamed in offset order.
 */
public final class ArchiveReader {

    /** A topic's window, planned: where the catalog came from, the life read and its objects per partition. */
    public record Selection(ArchiveCatalog.Source source, ChosenLife life, RestorePlan plan) {
    }

    private final ArchiveStore store;
    private final ArchiveCatalog catalog;

    public ArchiveReader(ArchiveStore store, ArchiveCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /**
     * Plans reading {@code window} of {@code topic} from the catalog (its manifest, or a listing); reads no object.
     *
     * @param chooser    who reads, as the notice of the life chosen says it
     * @param topicId    the life asked for; empty to choose one ({@link ChosenLife})
     * @param kafkaId    Kafka's id for the topic now, asked only when the choice needs it; empty when Kafka does not have it
     * @param partitions the partitions to read; empty for all the archive has
     * @param notices    where what the user should know is said (unreadable catalog entries, the life chosen)
     */
    public Selection select(ChosenLife.Chooser chooser, String topic, Optional<String> topicId, Supplier<Optional<String>> kafkaId, Set<Integer> partitions,
                            RestoreWindow window, Consumer<String> notices) {
        ArchiveCatalog.Contents contents = catalog.list(Optional.of(topic), true);
        contents.problems().forEach(p -> notices.accept("warning: " + p));
        if (contents.objects().isEmpty()) {
            Set<String> topics = catalog.list(Optional.empty(), true).objects().stream().map(ArchivedObject::topic)
                    .collect(Collectors.toCollection(TreeSet::new));
            throw RestoreException.badRequest(catalog.describe() + " holds no archive of topic " + topic
                    + (topics.isEmpty() ? " (it holds no archive at all)" : " (it holds " + String.join(", ", topics) + ")"));
        }
        List<Optional<String>> lives = contents.objects().stream().map(ArchivedObject::topicId).distinct().toList();
        boolean idsKnown = lives.stream().anyMatch(Optional::isPresent);
        ChosenLife life = ChosenLife.choose(chooser, topic, lives, topicId,
                idsKnown && topicId.isEmpty() && chooser.asksKafka() ? kafkaId.get() : Optional.empty());
        life.notice().ifPresent(notices);
        RestorePlan plan = RestorePlan.of(topic, contents.objects().stream().filter(o -> o.topicId().equals(life.topicId())).toList(),
                partitions, window);
        return new Selection(contents.source(), life, plan);
    }

    /** One partition's records of {@code window}, from {@code fromOffset} on (a checkpoint's next offset, or the window's start). */
    public ArchiveRecords records(PartitionPlan partition, RestoreWindow window, long fromOffset) {
        return new ArchiveRecords(partition.objects(), window, fromOffset, this::open);
    }

    /** An object's bytes. */
    private InputStream open(ArchivedObject object) {
        try {
            return store.get(object.key());
        } catch (NoSuchObjectException e) {
            throw RestoreException.failed(object.key() + " is in the archive's catalog but not in " + store.describe() + " (deleted?)");
        }
    }
}
