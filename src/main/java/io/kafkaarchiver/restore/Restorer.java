package io.kafkaarchiver.restore;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.restore.RestorePlan.PartitionPlan;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.topics.Snapshot;
import io.kafkaarchiver.topics.SnapshotKind;
import io.kafkaarchiver.topics.SnapshotStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Restores archived records into Kafka: {@link #prepare} checks and plans without writing anything
 * (all a dry run does), {@link #restore} writes, resuming from the checkpoints it finds. The same
 * code serves the {@code restore} command and the restore route.
 */
public final class Restorer {

    private final ArchiveReader reader;
    private final ArchiveCatalog catalog;
    private final SnapshotStore snapshots;
    private final KafkaConnection kafka;
    private final ArchivedTopics archived;
    private final Consumer<String> notices;

    /**
     * @param snapshots what the archive recorded of its topics: how to create a target, where consumer groups were
     * @param archived  what the archiver's settings archive where, to keep a restore from feeding it
     * @param notices   where what the user should know is said (a created topic, what MAK v1 lacks, a resume)
     */
    public Restorer(ArchiveStore store, ArchiveCatalog catalog, SnapshotStore snapshots, KafkaConnection kafka, ArchivedTopics archived,
                    Consumer<String> notices) {
        this.reader = new ArchiveReader(store, catalog);
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.kafka = kafka;
        this.archived = archived;
        this.notices = notices;
    }

    /** Reads the archive's catalog, the target topic and its checkpoints; writes nothing. */
    public PreparedRestore prepare(RestoreRequest request) {
        String source = request.sourceTopic();
        try (TargetCluster cluster = cluster()) {
            ArchiveReader.Selection selection = reader.select(ChosenLife.Chooser.RESTORE, source, request.topicId(), () -> cluster.topicId(source), request.partitions(),
                    request.window(), notices);
            ChosenLife life = selection.life();
            RestorePlan plan = selection.plan();
            refuseFeedback(request, selection.source());
            String target = request.targetTopic();
            Optional<Integer> partitions = cluster.partitions(target);
            int highest = plan.partitions().stream().mapToInt(PartitionPlan::partition).max().orElse(-1);
            if (partitions.isPresent() && highest >= partitions.get()) {
                throw RestoreException.failed("topic " + target + " has " + partitions.get() + " partitions: partition " + highest
                        + " of the archive has nowhere to go; add partitions to " + target + " or restore into another target topic");
            }
            Map<Integer, RestoreCheckpoint> checkpoints = checkpoints(cluster, request, life.topicId());
            if (!checkpoints.isEmpty()) {
                checkTargetHoldsCheckpoints(cluster, target, partitions.isPresent(), checkpoints);
            }
            Optional<TopicCreation> creation = Optional.empty();
            if (partitions.isEmpty()) {
                creation = Optional.of(TopicCreation.of(recorded(SnapshotKind.METADATA, request, life), plan.archivePartitions(),
                        request.overrides()));
            } else if (!request.overrides().isEmpty()) {
                notices.accept("topic " + target + " exists and is used as it is: the replication factor and configuration overrides "
                        + "apply only when the restore creates it");
            }
            Optional<GroupsToMove> groups = request.groups().none() ? Optional.empty()
                    : GroupsToMove.choose(cluster, request, recorded(SnapshotKind.GROUPS, request, life), notices);
            return new PreparedRestore(request, catalog.describe(), life.topicId(), plan, partitions, checkpoints, creation, groups);
        }
    }

    /** The record of the life of the source topic restored, in force at the request's time; a damaged one stops the restore, naming it. */
    private <T> Optional<Snapshot<T>> recorded(SnapshotKind<T> kind, RestoreRequest request, ChosenLife life) {
        try {
            return snapshots.atOrBefore(kind, request.sourceTopic(), request.recordedAsOf(), life.topicId());
        } catch (IllegalArgumentException damaged) {
            throw RestoreException.failed(damaged.getMessage());
        }
    }

    /** Writes the prepared restore into Kafka; {@code progress} is told of each record. */
    public RestoreResult restore(PreparedRestore prepared, Progress progress) throws IOException, InterruptedException {
        RestoreRequest request = prepared.request();
        RestorePlan plan = prepared.plan();
        String target = request.targetTopic();
        try (TargetCluster cluster = cluster()) {
            if (prepared.creation().isPresent()) {
                TopicCreation creation = prepared.creation().get();
                cluster.create(target, creation);
                notices.accept("created topic " + target + " with " + creation.shape() + ": " + creation.origin(request.sourceTopic()));
            }
            if (plan.mak1Objects() > 0) {
                notices.accept(plan.mak1Objects() + " of the " + plan.objectCount() + " objects to restore are MAK v1, which keeps no timestamps, "
                        + "no headers and no null keys or values: their records are written with the time of the restore, without headers, "
                        + "and with empty keys and values where Kafka had null");
            }
            Map<Integer, RestoreCheckpoint> checkpoints = new TreeMap<>(prepared.checkpoints());
            if (!checkpoints.isEmpty()) {
                notices.accept("resuming the restore into " + target + " from its checkpoint (consumer group "
                        + RestoreCheckpoint.group(target) + ")");
            }
            long found = 0;
            // The map is closed, every line in it, before the groups are moved through it.
            try (OffsetMap offsetMap = OffsetMap.open(request.offsetMap(), prepared.nextOffsets())) {
                startCheckpoints(cluster, prepared, checkpoints);
                progress.start(prepared.estimatedRecords());
                RateLimit rateLimit = RateLimit.perSecond(request.maxRate());
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig());
                     KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
                    for (PartitionPlan p : plan.partitions()) {
                        RestoreCheckpoint checkpoint = checkpoints.get(p.partition());
                        try (ArchiveRecords records = reader.records(p, plan.window(), checkpoint.nextSourceOffset())) {
                            found += new PartitionRestore(target, checkpoint, producer, consumer, cluster, offsetMap, rateLimit, progress).run(records);
                        }
                    }
                } finally {
                    progress.finish();
                }
                if (found > 0) {
                    notices.accept(found + " records written by the interrupted run after its last checkpoint were found in " + target
                            + " and not written again");
                }
            }
            List<GroupPosition> positions = prepared.groups().isPresent() ? prepared.groups().get().move(cluster, prepared) : List.of();
            return new RestoreResult(progress.records(), found, progress.bytes(), progress.seconds(), request.offsetMap(), positions);
        }
    }

    /**
     * A partition restored for the first time gets its checkpoint before anything is written to it:
     * the target's end as it is now, so what a killed first batch left there can be recognised.
     */
    private void startCheckpoints(TargetCluster cluster, PreparedRestore prepared, Map<Integer, RestoreCheckpoint> checkpoints) {
        Set<Integer> fresh = prepared.plan().partitions().stream().map(PartitionPlan::partition)
                .filter(p -> !checkpoints.containsKey(p)).collect(Collectors.toSet());
        if (fresh.isEmpty()) {
            return;
        }
        RestoreRequest request = prepared.request();
        cluster.endOffsets(request.targetTopic(), fresh).forEach((partition, end) -> {
            RestoreCheckpoint start = RestoreCheckpoint.start(partition, end, prepared.archive(), request.sourceTopic(),
                    prepared.topicId().orElse(""), request.window());
            cluster.commit(request.targetTopic(), start);
            checkpoints.put(partition, start);
        });
    }

    /**
     * Refuses a target the archiver would archive into this archive again, unless forced. Where the
     * archive has a manifest, the archiver records in it what it archives: asking it spares reading the
     * metadata of every object in the archive.
     */
    private void refuseFeedback(RestoreRequest request, ArchiveCatalog.Source catalogSource) {
        if (request.force()) {
            return;
        }
        String target = request.targetTopic();
        String archive = catalog.describe();
        String why;
        if (target.equals(request.sourceTopic())) {
            why = "it is the topic the records come from";
        } else if (archived.archives(archive, target)) {
            why = "the settings archive it there (archive.topics or archive.topic-pattern)";
        } else if (catalogSource == ArchiveCatalog.Source.MANIFEST ? catalog.inManifest(target)
                : !catalog.list(Optional.of(target), true).objects().isEmpty()) {
            why = "the archive holds objects of it";
        } else {
            return;
        }
        throw RestoreException.badRequest("refusing to restore into topic " + target + ": it is archived to " + archive + " (" + why
                + "), so the restored records would be archived again; choose another target topic, or use --force");
    }

    private Map<Integer, RestoreCheckpoint> checkpoints(TargetCluster cluster, RestoreRequest request, Optional<String> topicId) {
        String target = request.targetTopic();
        Map<Integer, RestoreCheckpoint> checkpoints = new HashMap<>();
        for (Map.Entry<Integer, OffsetAndMetadata> e : cluster.committed(target).entrySet()) {
            RestoreCheckpoint checkpoint;
            try {
                checkpoint = RestoreCheckpoint.parse(e.getKey(), e.getValue().offset(), e.getValue().metadata());
            } catch (IllegalArgumentException notOurs) {
                throw RestoreException.failed("partition " + e.getKey() + " of " + target + " has an offset in consumer group "
                        + RestoreCheckpoint.group(target) + " that is not a restore checkpoint; " + startOver(target));
            }
            Optional<String> conflict = checkpoint.conflictWith(catalog.describe(), request.sourceTopic(), topicId.orElse(""), request.window());
            if (conflict.isPresent()) {
                throw RestoreException.failed(target + " holds the checkpoint of another restore (consumer group "
                        + RestoreCheckpoint.group(target) + "): " + conflict.get() + "; " + startOver(target));
            }
            checkpoints.put(e.getKey(), checkpoint);
        }
        return checkpoints;
    }

    /** A checkpoint past the end of its partition means the topic was emptied or recreated since: resuming would lose records. */
    private void checkTargetHoldsCheckpoints(TargetCluster cluster, String target, boolean exists, Map<Integer, RestoreCheckpoint> checkpoints) {
        if (!exists) {
            throw RestoreException.failed(target + " does not exist, but consumer group " + RestoreCheckpoint.group(target)
                    + " holds checkpoints of a restore into it; " + startOver(target));
        }
        Map<Integer, Long> ends = cluster.endOffsets(target, checkpoints.keySet());
        for (RestoreCheckpoint c : checkpoints.values()) {
            long end = ends.get(c.partition());
            if (end < c.targetOffset()) {
                throw RestoreException.failed("partition " + c.partition() + " of " + target + " ends at offset " + end
                        + ", before its restore checkpoint (" + c.targetOffset() + "): the topic was emptied or recreated; " + startOver(target));
            }
        }
    }

    private String startOver(String target) {
        return "to restore into " + target + " from the start, delete the checkpoints first: kafka-consumer-groups.sh --bootstrap-server "
                + kafka.brokers() + " --delete --group " + RestoreCheckpoint.group(target);
    }

    private TargetCluster cluster() {
        return new TargetCluster(kafka);
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "kafka-archiver-restore");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Retries never duplicate or reorder a partition's records; a restart is covered by the checkpoints.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-archiver-restore-check");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }
}
