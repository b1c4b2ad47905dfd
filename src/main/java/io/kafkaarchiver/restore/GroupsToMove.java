package io.kafkaarchiver.restore;

import io.kafkaarchiver.restore.RestorePlan.PartitionPlan;
import io.kafkaarchiver.topics.CommittedOffsets;
import io.kafkaarchiver.topics.Snapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer groups a restore moves to its target, and the archive's record of where they were on
 * the source: chosen and checked before anything is written, moved once the records are.
 */
public record GroupsToMove(Snapshot<CommittedOffsets> recorded, SortedSet<String> groups) {

    public GroupsToMove {
        groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
    }

    /**
     * The groups {@code request} asks to move, as {@code recorded}; refuses groups the record lacks, and
     * groups with members, which Kafka would not let the restore move. Empty when the record holds no group.
     *
     * @param recorded the archive's record of the source topic's groups in force at the request's time
     */
    static Optional<GroupsToMove> choose(TargetCluster cluster, RestoreRequest request, Optional<Snapshot<CommittedOffsets>> recorded,
                                         Consumer<String> notices) {
        String source = request.sourceTopic();
        Instant asOf = request.recordedAsOf();
        Snapshot<CommittedOffsets> record = recorded.orElseThrow(() -> RestoreException.badRequest("the archive holds no record of the "
                + "consumer groups of topic " + source + (asOf.equals(Instant.MAX) ? "" : " at or before " + asOf)
                + " (archived before kafka-archiver kept one, or with archive.groups empty)"));
        Set<String> held = record.content().groups().keySet();
        Set<String> missing = new TreeSet<>(request.groups().named());
        missing.removeAll(held);
        if (!missing.isEmpty()) {
            throw RestoreException.badRequest("the archive's record of the consumer groups of topic " + source + " (read at " + record.readAt()
                    + ") has no committed offsets of " + String.join(", ", missing) + " (it has " + (held.isEmpty() ? "none" : String.join(", ", held)) + ")");
        }
        SortedSet<String> groups = new TreeSet<>(request.groups().all() ? held : request.groups().named());
        if (groups.isEmpty()) {
            notices.accept("no consumer group had committed offsets on topic " + source + " when the archive recorded them (at "
                    + record.readAt() + "): no group to move");
            return Optional.empty();
        }
        Map<String, String> active = cluster.activeGroups(groups, request.targetTopic());
        if (!active.isEmpty()) {
            throw RestoreException.badRequest("refusing to move consumer " + (active.size() == 1 ? "group " : "groups ") + active.entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")) + " to topic " + request.targetTopic()
                    + ": Kafka moves a group's offsets only while it has no members; stop its consumers, then run the restore again "
                    + "(it writes no record twice)");
        }
        return Optional.of(new GroupsToMove(record, groups));
    }

    /**
     * Where the groups would go, before the restore writes (a dry run): exact for records a checkpoint
     * already covers, otherwise known once they are written.
     */
    public List<GroupPosition> planned(PreparedRestore prepared) throws IOException {
        RestoreWindow window = prepared.plan().window();
        Map<Integer, PartitionPlan> byPartition = prepared.plan().partitions().stream()
                .collect(Collectors.toMap(PartitionPlan::partition, p -> p));
        GroupPositions.Pending pending = (p, n) -> byPartition.containsKey(p) && n <= byPartition.get(p).lastOffset(window);
        Map<Integer, Set<Long>> wanted = GroupPositions.wanted(recorded.content(), groups, prepared::restores);
        return GroupPositions.place(recorded.content(), groups, prepared::restores,
                OffsetMap.firstAtOrAfter(prepared.request().offsetMap(), wanted, prepared.nextOffsets()), pending, Map.of());
    }

    /** After the records are written: each group's offsets set on the target, through the offset map (which holds every restored record). */
    List<GroupPosition> move(TargetCluster cluster, PreparedRestore prepared) throws IOException {
        String target = prepared.request().targetTopic();
        Map<Integer, Set<Long>> wanted = GroupPositions.wanted(recorded.content(), groups, prepared::restores);
        Map<Integer, Long> everyLine = new HashMap<>();
        wanted.keySet().forEach(p -> everyLine.put(p, Long.MAX_VALUE));
        List<GroupPosition> positions = GroupPositions.place(recorded.content(), groups, prepared::restores,
                OffsetMap.firstAtOrAfter(prepared.request().offsetMap(), wanted, everyLine), GroupPositions.Pending.NONE,
                wanted.isEmpty() ? Map.of() : cluster.endOffsets(target, wanted.keySet()));
        List<String> failed = new ArrayList<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            positions.stream().filter(p -> p.group().equals(group) && p.moves()).forEach(p -> offsets.put(new TopicPartition(target, p.partition()),
                    new OffsetAndMetadata(p.targetOffset(), recorded.content().groups().get(group).get(p.partition()).metadata())));
            try {
                if (!offsets.isEmpty()) {
                    cluster.setOffsets(group, offsets);
                }
            } catch (RestoreException e) {
                failed.add(e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw RestoreException.failed("the records are restored, but " + String.join("; ", failed)
                    + " (run the restore again to move the groups: it writes no record twice)");
        }
        return positions;
    }
}
