package io.kafkaarchiver.cli;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.config.StoredArchive;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.restore.GroupChoice;
import io.kafkaarchiver.restore.GroupPosition;
import io.kafkaarchiver.restore.GroupsToMove;
import io.kafkaarchiver.restore.PreparedRestore;
import io.kafkaarchiver.restore.Progress;
import io.kafkaarchiver.restore.RestoreCheckpoint;
import io.kafkaarchiver.restore.RestoreException;
import io.kafkaarchiver.restore.RestorePlan;
import io.kafkaarchiver.restore.RestoreRequest;
import io.kafkaarchiver.restore.RestoreResult;
import io.kafkaarchiver.restore.RestoreWindow;
import io.kafkaarchiver.restore.Restorer;
import io.kafkaarchiver.restore.TopicOverrides;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restore}: archived records back into Kafka. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a topic's archived records back into Kafka.",
                "Each goes to the same partition number of the target topic, with its key, value, headers and timestamp,",
                "in offset order. Interrupted and started again, it resumes from",
                "its checkpoint (consumer group kafka-archiver-restore.<target>) and writes no record twice.",
                "A missing target topic is created as the archive recorded the topic (partitions, replication, configuration);",
                "--groups moves consumer groups to the target, each at the record it was at.",
                "Exits 1 when the restore fails, 2 when the command line or the settings are wrong."})
public final class RestoreCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    ArchiveLocation location;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The archived topic to restore.")
    String topic;

    @Option(names = "--topic-id", paramLabel = "ID",
            description = "Which life of the topic, when it was deleted and created again: its topic id, as ls shows it "
                    + "(default: the one Kafka has now, or the latest the archive holds).")
    String topicId;

    @Option(names = "--partition", paramLabel = "P", split = ",", description = "Only these partitions (repeat, or a comma list; default: all).")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = "--from-offset", paramLabel = "N", description = "The first offset to restore, in each partition.")
    Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "N", description = "The last offset to restore, in each partition (included).")
    Long toOffset;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only records with this timestamp or later (" + InstantConverter.FORMATS + ").")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class, description = "Only records with a timestamp before this.")
    Instant to;

    @Option(names = "--target-topic", paramLabel = "TOPIC",
            description = "Where to write (default: the archived topic itself, which needs --force). Created when it does not exist.")
    String targetTopic;

    @Option(names = "--dry-run", description = "Print what would be restored, and write nothing.")
    boolean dryRun;

    @Option(names = "--max-rate", paramLabel = "RECORDS_PER_SECOND", description = "Write at most this many records a second (default: no limit).")
    long maxRate;

    @Option(names = "--force", description = "Write into a topic that this archive holds (the restored records will be archived again).")
    boolean force;

    @Option(names = "--offset-map", paramLabel = "FILE",
            description = "Where each record went, as CSV (default: restore-<topic>-to-<target>.offsets.csv here).")
    Path offsetMap;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Create the target topic with this replication factor (default: the archived topic's).")
    Integer replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Create the target topic with this configuration entry instead of the archived topic's (repeat; KEY= leaves it out).")
    Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--groups", paramLabel = "GROUP", split = ",",
            description = "After the records, move these consumer groups to the target: each at the record it was at on the archived topic (repeat, or a comma list).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--all-groups", description = "Move every consumer group the archive recorded on the topic.")
    boolean allGroups;

    public RestoreCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        StoredArchive archive;
        KafkaConnection kafka;
        RestoreRequest request;
        try {
            archive = location.archive();
            kafka = location.kafka();
            request = RestoreRequest.of(topic, targetTopic, Set.copyOf(partitions), RestoreWindow.of(fromOffset, toOffset, from, to),
                    maxRate, force, offsetMap).with(TopicOverrides.of(replicationFactor, configs), GroupChoice.of(groups, allGroups))
                    .ofLife(topicId);
        } catch (SettingsException e) {
            console.err().println("restore: bad setting " + e.getMessage());
            return Console.EXIT_USAGE;
        } catch (RestoreException e) {
            console.err().println("restore: " + e.getMessage());
            return Console.EXIT_USAGE;
        }
        try (ArchiveStore store = archive.open()) {
            return restore(store, archive, kafka, request);
        } catch (RuntimeException e) {
            console.err().println("restore: cannot open the archive: " + e.getMessage());
            return Console.EXIT_FAILURE;
        }
    }

    private int restore(ArchiveStore store, StoredArchive archive, KafkaConnection kafka, RestoreRequest request) throws InterruptedException {
        try {
            Restorer restorer = new Restorer(store, location.catalog(archive, store), location.snapshots(archive, store), kafka,
                    location.archivedTopics(), notice -> console.err().println("restore: " + notice));
            PreparedRestore prepared = restorer.prepare(request);
            if (dryRun) {
                printPlan(prepared, console.out());
                return Console.EXIT_OK;
            }
            Progress progress = System.console() != null
                    ? Progress.onTerminal(console.err()::print, System::nanoTime)
                    : Progress.inLines(line -> console.err().println("restore: " + line), System::nanoTime);
            RestoreResult result = restorer.restore(prepared, progress);
            if (result.records() == 0) {
                console.out().println("nothing to restore: " + request.targetTopic() + " holds every archived record of " + request.sourceTopic()
                        + " in " + prepared.plan().window() + " already; offset map: " + result.offsetMap());
            } else {
                console.out().printf(Locale.ROOT, "restored %,d records (%.1f MB) from %s into %s in %.1f s: %,.0f records/s, %.1f MB/s%s; offset map: %s%n",
                        result.records(), result.bytes() / 1e6, request.sourceTopic(), request.targetTopic(), result.seconds(),
                        result.recordsPerSecond(), result.megabytesPerSecond(),
                        result.found() > 0 ? " (" + result.found() + " found already written)" : "", result.offsetMap());
            }
            prepared.groups().ifPresent(g -> printGroups("moved", g, result.groupPositions(), request.targetTopic(), console.out()));
            return Console.EXIT_OK;
        } catch (RestoreException e) {
            console.err().println("restore: " + e.getMessage());
            return e.isBadRequest() ? Console.EXIT_USAGE : Console.EXIT_FAILURE;
        } catch (SettingsException e) {
            console.err().println("restore: bad setting " + e.getMessage());
            return Console.EXIT_USAGE;
        } catch (AuthenticationException e) {
            console.err().println("restore: bad setting " + kafka.refused(e).getMessage());
            return Console.EXIT_USAGE;
        } catch (KafkaException e) {
            console.err().println("restore: Kafka at " + kafka.brokers() + ": " + e.getMessage());
            return Console.EXIT_FAILURE;
        } catch (IOException e) {
            console.err().println("restore: offset map " + FileErrors.describe(request.offsetMap(), e));
            return Console.EXIT_FAILURE;
        } catch (RuntimeException e) {
            return ArchiveAccess.storeFailed(console, "restore", store, e);
        }
    }

    private static void printPlan(PreparedRestore prepared, PrintStream out) throws IOException {
        RestoreRequest request = prepared.request();
        RestorePlan plan = prepared.plan();
        out.println("dry run: restore topic " + request.sourceTopic() + prepared.topicId().map(id -> " (topic id " + id + ")").orElse("")
                + " of " + prepared.archive() + " (" + plan.window() + ") into topic "
                + request.targetTopic() + prepared.targetPartitions().map(n -> " (" + n + " partitions)")
                .orElseGet(() -> " (does not exist: would be created with " + prepared.creation().orElseThrow().shape() + ": "
                        + prepared.creation().orElseThrow().origin(request.sourceTopic()) + ")"));
        if (!prepared.checkpoints().isEmpty()) {
            out.println("  resumes from the checkpoint in consumer group " + RestoreCheckpoint.group(request.targetTopic()));
        }
        if (plan.mak1Objects() > 0) {
            out.println("  " + plan.mak1Objects() + " objects are MAK v1: their records have no timestamps (the restore's time is used), "
                    + "no headers, and empty keys and values where Kafka had null");
        }
        for (RestorePlan.PartitionPlan p : plan.partitions()) {
            long next = prepared.nextOffsets().getOrDefault(p.partition(), plan.window().fromOffset());
            out.printf(Locale.ROOT, "  partition %d -> %s partition %d: %d objects, up to %,d records, offsets %d..%d%s%n",
                    p.partition(), request.targetTopic(), p.partition(), p.objects().size(), p.estimatedRecords(plan.window(), next),
                    p.firstOffset(plan.window()), p.lastOffset(plan.window()),
                    prepared.checkpoints().containsKey(p.partition()) ? " (resumes at offset " + next + ")" : "");
            for (ArchivedObject o : p.objects()) {
                out.printf(Locale.ROOT, "    %s  offsets %d..%d  %,d records  %s  %,d bytes%n",
                        o.key(), o.startOffset(), o.endOffset(), o.recordCount(), o.format(), o.size());
            }
        }
        if (prepared.groups().isPresent()) {
            GroupsToMove groups = prepared.groups().get();
            printGroups("would move", groups, groups.planned(prepared), request.targetTopic(), out);
        }
        out.printf(Locale.ROOT, "up to %,d records in %d objects; offset map: %s; nothing was written%n",
                prepared.estimatedRecords(), plan.objectCount(), request.offsetMap());
    }

    private static void printGroups(String verb, GroupsToMove groups, List<GroupPosition> positions, String target, PrintStream out) {
        out.println(verb + " consumer " + (groups.groups().size() == 1 ? "group " : "groups ") + String.join(", ", groups.groups()) + " to " + target
                + ", from where the archive recorded them on " + groups.recorded().topic() + " at " + groups.recorded().readAt() + ":");
        positions.forEach(p -> out.println("  " + p.describe(target)));
    }
}
