package io.kafkaarchiver.verify;

import io.kafkaarchiver.catalog.ArchivedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which offsets of one partition the archive's objects hold, as their metadata says: the range from
 * the first to the last, the holes between objects, and the offsets two objects both hold.
 */
public record Coverage(int objectCount, long recordCount, long firstOffset, long lastOffset,
                       List<Gap> gapsBetweenObjects, List<Overlap> overlaps) {

    /** First and last offset of a partition with no objects. */
    public static final long NONE = -1L;

    /** @param objects the objects of one partition, in any order */
    public static Coverage of(List<ArchivedObject> objects) {
        List<ArchivedObject> sorted = objects.stream()
                .sorted(Comparator.comparingLong(ArchivedObject::startOffset).thenComparingLong(ArchivedObject::endOffset))
                .toList();
        List<Gap> gaps = new ArrayList<>();
        List<Overlap> overlaps = new ArrayList<>();
        // The object reaching furthest so far: a later object that starts at or before its end overlaps it.
        ArchivedObject furthest = null;
        for (ArchivedObject o : sorted) {
            if (furthest != null && o.startOffset() > furthest.endOffset() + 1) {
                gaps.add(new Gap(furthest.endOffset() + 1, o.startOffset() - 1, Gap.Evidence.NOT_CHECKED));
            } else if (furthest != null && o.startOffset() <= furthest.endOffset()) {
                overlaps.add(new Overlap(o.startOffset(), Math.min(o.endOffset(), furthest.endOffset()), furthest.key(), o.key()));
            }
            if (furthest == null || o.endOffset() > furthest.endOffset()) {
                furthest = o;
            }
        }
        return new Coverage(sorted.size(), sorted.stream().mapToLong(ArchivedObject::recordCount).sum(),
                sorted.isEmpty() ? NONE : sorted.get(0).startOffset(), furthest == null ? NONE : furthest.endOffset(),
                List.copyOf(gaps), List.copyOf(overlaps));
    }

    public boolean isEmpty() {
        return objectCount == 0;
    }

    /**
     * The gaps as Kafka sees them. Offsets the archive lacks are only a gap if Kafka had records
     * there: compaction and transaction markers leave offsets without records. So every hole (between
     * objects, before the first object, and between the last object and Kafka's log start) is put to
     * {@code probe} where Kafka still has it; below Kafka's log start nothing can be asked, and the
     * hole stays a gap that cannot be confirmed.
     */
    public List<Gap> gaps(LogBounds kafka, RecordProbe probe) {
        if (isEmpty()) {
            return List.of();
        }
        List<Gap> holes = new ArrayList<>();
        if (kafka.start() < firstOffset) {
            holes.add(new Gap(kafka.start(), firstOffset - 1, Gap.Evidence.NOT_CHECKED));
        }
        holes.addAll(gapsBetweenObjects);
        if (lastOffset + 1 < kafka.start()) {
            holes.add(new Gap(lastOffset + 1, kafka.start() - 1, Gap.Evidence.NOT_CHECKED));
        }
        List<Gap> gaps = new ArrayList<>();
        for (Gap hole : holes) {
            if (hole.from() < kafka.start()) {
                gaps.add(new Gap(hole.from(), Math.min(hole.to(), kafka.start() - 1), Gap.Evidence.GONE_FROM_KAFKA));
            }
            long from = Math.max(hole.from(), kafka.start());
            if (from <= hole.to() && probe.hasRecords(from, hole.to())) {
                gaps.add(new Gap(from, hole.to(), Gap.Evidence.KAFKA_HAS_RECORDS));
            }
        }
        return gaps;
    }
}
