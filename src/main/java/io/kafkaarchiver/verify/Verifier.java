package io.kafkaarchiver.verify;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.ArchivedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.TopicPartition;

/**
 * Proves, per topic-partition, that the archive covers the offsets it should: every object is read
 * to its end, the objects' offset ranges are laid side by side, and where Kafka can be asked, every
 * hole is checked against what Kafka holds, so compacted and transactional topics, which skip
 * offsets, do not raise false alarms.
 */
public final class Verifier {

    private static final int PARALLEL_CHECKS = 4;
    private static final Comparator<TopicPartition> ORDER = Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition);

    private final ArchiveCatalog catalog;
    private final ObjectCheck check;

    public Verifier(ArchiveCatalog catalog, ObjectCheck check) {
        this.catalog = catalog;
        this.check = check;
    }

    /**
     * @param topics      the topics to verify; every topic of the archive when empty
     * @param useManifest false to read the catalog from the bucket listing even where a manifest exists
     * @param kafka       the cluster to compare with; empty not to
     */
    public Verification verify(List<String> topics, boolean useManifest, Optional<KafkaLog> kafka, CheckProgress progress) {
        Catalogued catalogued = read(topics, useManifest);
        List<ArchivedObject> objects = catalogued.objects();
        List<String> problems = new ArrayList<>(catalogued.problems());
        Set<String> names = topics.isEmpty()
                ? objects.stream().map(ArchivedObject::topic).collect(Collectors.toCollection(TreeSet::new))
                : new LinkedHashSet<>(topics);

        Map<TopicPartition, LogBounds> bounds = Map.of();
        Optional<String> withoutKafka = Optional.of("not asked to");
        if (kafka.isPresent()) {
            try {
                bounds = kafka.get().bounds(kafka.get().partitions(names));
                withoutKafka = Optional.empty();
            } catch (AuthenticationException e) {
                // Wrong credentials are the user's to fix, not a reason to verify without Kafka.
                throw e;
            } catch (KafkaException e) {
                withoutKafka = Optional.of("Kafka at " + kafka.get().brokers() + " could not be asked: " + e.getMessage());
            }
        }
        Optional<KafkaLog> asked = withoutKafka.isEmpty() ? kafka : Optional.empty();

        Map<String, DamagedObject> damaged = checkAll(objects, progress);

        Map<TopicPartition, List<ArchivedObject>> byPartition = new TreeMap<>(ORDER);
        bounds.keySet().forEach(p -> byPartition.put(p, new ArrayList<>()));
        objects.forEach(o -> byPartition.computeIfAbsent(o.topicPartition(), p -> new ArrayList<>()).add(o));
        for (String topic : names) {
            if (byPartition.keySet().stream().noneMatch(p -> p.topic().equals(topic))) {
                problems.add("topic " + topic + ": the archive holds no objects of it"
                        + (asked.isPresent() ? ", and Kafka has no such topic" : ""));
            }
        }
        List<PartitionVerdict> verdicts = new ArrayList<>();
        for (Map.Entry<TopicPartition, List<ArchivedObject>> p : byPartition.entrySet()) {
            List<DamagedObject> bad = p.getValue().stream().map(o -> damaged.get(o.key())).filter(Objects::nonNull).toList();
            verdicts.add(judge(p.getKey(), p.getValue(), bad, asked, Optional.ofNullable(bounds.get(p.getKey()))));
        }
        return new Verification(catalogued.sources(), withoutKafka, verdicts, problems);
    }

    /** The catalog of the topics asked for (every topic when none is). */
    private record Catalogued(Set<ArchiveCatalog.Source> sources, List<ArchivedObject> objects, List<String> problems) {
    }

    private Catalogued read(List<String> topics, boolean useManifest) {
        Set<ArchiveCatalog.Source> sources = EnumSet.noneOf(ArchiveCatalog.Source.class);
        List<ArchivedObject> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Optional<String> topic : topics.isEmpty() ? List.of(Optional.<String>empty()) : topics.stream().map(Optional::of).toList()) {
            ArchiveCatalog.Contents contents = catalog.list(topic, useManifest);
            sources.add(contents.source());
            objects.addAll(contents.objects());
            problems.addAll(contents.problems());
        }
        return new Catalogued(sources, objects, problems);
    }

    private static PartitionVerdict judge(TopicPartition partition, List<ArchivedObject> held, List<DamagedObject> damaged,
                                          Optional<KafkaLog> kafka, Optional<LogBounds> log) {
        // A missing object holds nothing: its offsets are a gap, if Kafka had records there.
        Set<String> missing = damaged.stream().filter(DamagedObject::missing).map(DamagedObject::key).collect(Collectors.toSet());
        Coverage coverage = Coverage.of(held.stream().filter(o -> !missing.contains(o.key())).toList());
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Gap> gaps = coverage.gapsBetweenObjects();
        if (kafka.isPresent() && log.isEmpty()) {
            notes.add("Kafka has no such partition (was the topic deleted?): not compared with Kafka");
        }
        if (kafka.isPresent() && log.isPresent()) {
            LogBounds bounds = log.get();
            try {
                RecordProbe probe = kafka.get().probe(partition, bounds.end());
                gaps = coverage.gaps(bounds, probe);
                if (coverage.isEmpty() && !bounds.isEmpty() && probe.hasRecords(bounds.start(), bounds.end() - 1)) {
                    warnings.add("not archived: Kafka holds records at offsets " + bounds.start() + ".." + (bounds.end() - 1)
                            + " and the archive has none");
                }
            } catch (KafkaException e) {
                notes.add("Kafka could not be asked about this partition, so its gaps are not checked against Kafka: " + e.getMessage());
            }
            if (coverage.lastOffset() >= bounds.end()) {
                warnings.add("the archive holds offsets up to " + coverage.lastOffset() + ", beyond Kafka's log end "
                        + bounds.end() + " (was the topic deleted and created again?)");
            }
        }
        return new PartitionVerdict(partition, coverage, log, gaps, damaged, warnings, notes);
    }

    private Map<String, DamagedObject> checkAll(List<ArchivedObject> objects, CheckProgress progress) {
        progress.start(objects.size(), objects.stream().mapToLong(ArchivedObject::size).sum());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CHECKS);
        try {
            List<Future<Optional<DamagedObject>>> checks = objects.stream().map(o -> pool.submit(() -> {
                Optional<DamagedObject> result = check.check(o, progress);
                progress.objectDone();
                return result;
            })).toList();
            Map<String, DamagedObject> damaged = new HashMap<>();
            for (Future<Optional<DamagedObject>> c : checks) {
                c.get().ifPresent(d -> damaged.put(d.key(), d));
            }
            return damaged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the archive's objects", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("checking an object failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
