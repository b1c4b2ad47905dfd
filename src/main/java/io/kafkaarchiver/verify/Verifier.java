package io.kafkaarchiver.verify;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.config.ClientCreationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves, per topic-partition and life of its topic, that the archive covers the offsets it should:
 * every object is read to its end, the objects' offset ranges are laid side by side, and where Kafka
 * can be asked, every hole of the life Kafka has now is checked against what Kafka holds, so compacted
 * and transactional topics, which skip offsets, do not raise false alarms. Earlier lives of a topic
 * (deleted and created again) are closed: their own gaps and overlaps are checked, not against Kafka.
 */
public final class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
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
     * @param useManifest false to read the catalog from the store's listing even where a manifest exists
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
        Map<String, String> kafkaIds = Map.of();
        Optional<String> withoutKafka = Optional.of("not asked to");
        if (kafka.isPresent()) {
            try {
                bounds = kafka.get().bounds(kafka.get().partitions(names));
                kafkaIds = kafka.get().topicIds(names);
                withoutKafka = Optional.empty();
            } catch (AuthenticationException e) {
                // Wrong credentials are the user's to fix, not a reason to verify without Kafka.
                throw e;
            } catch (KafkaException e) {
                // Said once in the report; the trace is for whoever debugs Kafka's client.
                LOG.debug("Kafka at {} could not be asked", kafka.get().brokers(), e);
                withoutKafka = Optional.of("Kafka at " + kafka.get().brokers() + " could not be asked: " + ClientCreationFailure.reason(e));
            }
        }
        Optional<KafkaLog> asked = withoutKafka.isEmpty() ? kafka : Optional.empty();

        Map<String, DamagedObject> damaged = checkAll(objects, progress);

        List<PartitionVerdict> verdicts = new ArrayList<>();
        for (String topic : names) {
            List<ArchivedObject> held = objects.stream().filter(o -> o.topic().equals(topic)).toList();
            List<TopicPartition> inKafka = bounds.keySet().stream().filter(p -> p.topic().equals(topic)).sorted(ORDER).toList();
            if (held.isEmpty() && inKafka.isEmpty()) {
                problems.add("topic " + topic + ": the archive holds no objects of it" + (asked.isPresent() ? ", and Kafka has no such topic" : ""));
                continue;
            }
            // The catalog lists a topic's lives in the order they were recorded.
            List<Optional<String>> lives = held.stream().map(ArchivedObject::topicId).distinct().toList();
            Map<Optional<String>, LifeState> states = lifeStates(lives, asked.isPresent(), !inKafka.isEmpty(),
                    Optional.ofNullable(kafkaIds.get(topic)));
            for (Map.Entry<Optional<String>, LifeState> life : states.entrySet()) {
                Map<TopicPartition, List<ArchivedObject>> byPartition = new TreeMap<>(ORDER);
                if (life.getValue() == LifeState.CURRENT) {
                    inKafka.forEach(p -> byPartition.put(p, new ArrayList<>()));
                }
                held.stream().filter(o -> o.topicId().equals(life.getKey()))
                        .forEach(o -> byPartition.computeIfAbsent(o.topicPartition(), p -> new ArrayList<>()).add(o));
                for (Map.Entry<TopicPartition, List<ArchivedObject>> p : byPartition.entrySet()) {
                    List<DamagedObject> bad = p.getValue().stream().map(o -> damaged.get(o.key())).filter(Objects::nonNull).toList();
                    verdicts.add(judge(p.getKey(), life.getKey(), life.getValue(), p.getValue(), bad, asked,
                            Optional.ofNullable(bounds.get(p.getKey()))));
                }
            }
        }
        return new Verification(catalogued.sources(), withoutKafka, kafka.isPresent() && asked.isEmpty(), verdicts, problems);
    }

    /**
     * Where each life of a topic stands. With Kafka asked, the life Kafka has now (its id for the topic) is
     * current, and every other closed; an archive whose objects carry no id (written before ids were known)
     * has one life, taken for current while Kafka has the topic. Without Kafka, the last life the archive
     * recorded is the latest, the others closed.
     *
     * @param archived the lives the archive holds objects of, in the order recorded; empty for an object without an id
     * @param kafkaId  Kafka's id for the topic now, when it has one
     * @return each life, in that order, then the current one where the archive holds nothing of it yet
     */
    static Map<Optional<String>, LifeState> lifeStates(List<Optional<String>> archived, boolean kafkaAsked, boolean inKafka,
                                                       Optional<String> kafkaId) {
        Map<Optional<String>, LifeState> states = new LinkedHashMap<>();
        Optional<Optional<String>> current = Optional.empty();
        if (kafkaAsked && inKafka) {
            // Without ids to match, the archive's last life is taken for Kafka's.
            boolean idsUnknown = kafkaId.isEmpty() || archived.equals(List.of(Optional.<String>empty()));
            current = Optional.of(idsUnknown && !archived.isEmpty() ? archived.get(archived.size() - 1) : kafkaId);
        }
        for (int i = 0; i < archived.size(); i++) {
            Optional<String> life = archived.get(i);
            LifeState state = current.map(life::equals).orElse(false) ? LifeState.CURRENT
                    : !kafkaAsked && i == archived.size() - 1 ? LifeState.LATEST : LifeState.CLOSED;
            states.put(life, state);
        }
        current.ifPresent(life -> states.putIfAbsent(life, LifeState.CURRENT));
        return states;
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

    private static PartitionVerdict judge(TopicPartition partition, Optional<String> topicId, LifeState life, List<ArchivedObject> held,
                                          List<DamagedObject> damaged, Optional<KafkaLog> kafka, Optional<LogBounds> log) {
        // A missing object holds nothing: its offsets are a gap, if Kafka had records there.
        Set<String> missing = damaged.stream().filter(DamagedObject::missing).map(DamagedObject::key).collect(Collectors.toSet());
        Coverage coverage = Coverage.of(held.stream().filter(o -> !missing.contains(o.key())).toList());
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Gap> gaps = coverage.gapsBetweenObjects();
        if (life != LifeState.CURRENT) {
            if (kafka.isPresent()) {
                // Kafka has another life of the topic now, or none: the holes of this one can no longer be asked about.
                gaps = gaps.stream().map(g -> new Gap(g.from(), g.to(), Gap.Evidence.GONE_FROM_KAFKA)).toList();
                notes.add("an earlier life of topic " + partition.topic() + ", which Kafka no longer has: not compared with Kafka");
            }
            return new PartitionVerdict(partition, topicId, life, coverage, Optional.empty(), gaps, damaged, warnings, notes);
        }
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
        return new PartitionVerdict(partition, topicId, life, coverage, log, gaps, damaged, warnings, notes);
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
