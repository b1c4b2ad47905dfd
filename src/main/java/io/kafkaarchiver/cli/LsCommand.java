package io.kafkaarchiver.cli;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.topics.SnapshotStore;
import io.kafkaarchiver.topics.TopicRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ls}: what the archive holds, per topic-partition, from the manifest or the objects' metadata. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List the archive's objects per topic-partition: offsets, records, time range, size, format.",
                "Reads the manifest (or, without one, the objects' metadata); downloads no object.",
                "With --topics, what the archive recorded of each topic instead: partitions, configuration, consumer groups.",
                "Exits 1 if a manifest entry or an object's metadata cannot be read (the rest is listed), or the store cannot be read."})
public final class LsCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    ArchiveLocation location;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic.")
    String topic;

    @Option(names = "--partition", paramLabel = "P", description = "Only this partition (of every topic listed).")
    Integer partition;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only objects holding records at or after TIME: " + InstantConverter.FORMATS + ".")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only objects holding records before TIME.")
    Instant to;

    @Option(names = "--json", description = "One JSON object per object per line, with the manifest entry's fields.")
    boolean json;

    @Option(names = "--topics", description = "What the archive recorded of each topic instead: its partitions, replication factor, "
            + "configuration (every version) and its consumer groups' committed offsets.")
    boolean topics;

    @Mixin
    CatalogSource catalogSource;

    public LsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (topics) {
            return listTopics();
        }
        return ArchiveAccess.read(console, "ls", location, (archive, opened) -> {
            ArchiveCatalog.Contents contents = location.catalog(archive, opened).list(Optional.ofNullable(topic), catalogSource.useManifest());
            List<ArchivedObject> shown = select(contents.objects());
            if (json) {
                shown.forEach(o -> console.out().println(Manifest.fields(o)));
            } else {
                new ListingText(console.out()).print(archive.store().name(), source(contents.source()), shown);
            }
            console.out().flush();
            contents.problems().forEach(p -> console.err().println("ls: " + p));
            return contents.problems().isEmpty() ? Console.EXIT_OK : Console.EXIT_FAILURE;
        });
    }

    private int listTopics() {
        if (partition != null || from != null || to != null || !catalogSource.useManifest()) {
            console.err().println("ls: --topics lists what the archive recorded of each topic; --partition, --from, --to and --listing select objects");
            return Console.EXIT_USAGE;
        }
        return ArchiveAccess.read(console, "ls", location, (archive, opened) -> {
            SnapshotStore store = location.snapshots(archive, opened);
            SortedSet<String> names = new TreeSet<>(store.topics());
            names.addAll(archive.manifest(opened).topics());
            if (topic != null) {
                names.retainAll(Set.of(topic));
            }
            List<TopicRecord> records = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String name : names) {
                try {
                    records.add(TopicRecord.read(store, name));
                } catch (IllegalArgumentException damaged) {
                    problems.add(damaged.getMessage());
                }
            }
            if (json) {
                records.forEach(r -> console.out().println(TopicsJson.of(r)));
            } else {
                new TopicsText(console.out()).print(archive.store().name(), records);
            }
            console.out().flush();
            problems.forEach(p -> console.err().println("ls: " + p));
            return problems.isEmpty() ? Console.EXIT_OK : Console.EXIT_FAILURE;
        });
    }

    private List<ArchivedObject> select(List<ArchivedObject> objects) {
        List<ArchivedObject> inPartition = objects.stream().filter(o -> partition == null || o.partition() == partition).toList();
        if (from == null && to == null) {
            return inPartition;
        }
        long untimed = inPartition.stream().filter(o -> o.minTimestamp() < 0).count();
        if (untimed > 0) {
            console.err().println("ls: " + untimed + (untimed == 1 ? " object has" : " objects have")
                    + " no timestamps (MAK v1) and cannot be placed in time: left out of this listing");
        }
        long fromMillis = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long toMillis = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        return inPartition.stream().filter(o -> o.minTimestamp() >= 0 && o.holdsTimesBetween(fromMillis, toMillis)).toList();
    }

    private String source(ArchiveCatalog.Source source) {
        if (source == ArchiveCatalog.Source.MANIFEST) {
            return "from the manifest";
        }
        return catalogSource.useManifest() ? "from the listing (no manifest entries)" : "from the listing";
    }
}
