package io.kafkaarchiver.bench;

import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalKafka;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.runtime.JvmFlags;
import io.kafkaarchiver.testkit.LatencyProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a rebalance costs a group of archivers holding many open files: member A (the packaged jar, run as users
 * run it, in a child JVM of its own working directory) holds 10 topics x 500 partitions, a file open in each;
 * member B joins the group, then leaves it (SIGTERM). For the join and for the leave it prints:
 * <ul>
 *   <li>seconds from the join (B's process start; for the leave, the SIGTERM) until the group is Stable with
 *       every partition assigned (on both members after the join), and until one record produced to each
 *       partition after that has been written by the members: an in-progress file of that partition, in some
 *       member's working directory, holds the record's offset (records the members wrote besides, by their
 *       {@code kafka_archiver_records_written_total}, are printed as written again);</li>
 *   <li>the objects put in S3 in the phase (no file rotates by age or size meanwhile: max-age 1h);</li>
 *   <li>the times a member was thrown out of the group and the ERROR lines, from each member's log;</li>
 *   <li>the CPU-seconds each member used in the phase.</li>
 * </ul>
 * Scenario {@code direct} has S3 answer directly; {@code slow} puts a {@link LatencyProxy} of 50 ms in front
 * of it. A phase that has not settled after its limit (REBALANCE_PHASE_LIMIT seconds, 240 by default) is
 * reported as such, and the benchmark goes on. The jar is ARCHIVER_JAR (default target/kafka-archiver.jar),
 * so one harness measures two builds. Run it with {@code bench/rebalance.sh [direct|slow ...]}.
 */
public final class RebalanceBenchmark {

    private static final int TOPICS = 10;
    private static final int PARTITIONS = 500;
    private static final int TOTAL = TOPICS * PARTITIONS;
    private static final int FIRST_RECORDS = 2;
    private static final Path KEPT_LOGS = Path.of("target", "rebalance-logs").toAbsolutePath();

    private final Path dir;
    private final Path jar;
    private final LocalKafka kafka;
    private final LocalS3 s3;
    private final S3Client client;
    private final Duration limit;

    private RebalanceBenchmark(Path dir, Path jar, LocalKafka kafka, LocalS3 s3, S3Client client, Duration limit) {
        this.dir = dir;
        this.jar = jar;
        this.kafka = kafka;
        this.s3 = s3;
        this.client = client;
        this.limit = limit;
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 ? List.of("direct", "slow") : Arrays.asList(args);
        Path source = Path.of(System.getenv().getOrDefault("ARCHIVER_JAR", "target/kafka-archiver.jar")).toAbsolutePath();
        Duration limit = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("REBALANCE_PHASE_LIMIT", "240")));
        Path dir = Files.createTempDirectory("rebalance-bench");
        try {
            // A copy: a build while the benchmark runs must not change the jar under a running archiver.
            Path jar = Files.copy(source, dir.resolve("kafka-archiver.jar"));
            System.out.printf("Rebalance benchmark, %d cores, Java %s; each member: java -Xmx512m %s -jar %s run%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), String.join(" ", JvmFlags.RECOMMENDED), source);
            System.out.printf("%d topics x %d partitions, %d records in each before the join, archive.rotate.max-age=1h; phase limit %d s%n",
                    TOPICS, PARTITIONS, FIRST_RECORDS, limit.toSeconds());
            try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
                 LocalS3 s3 = LocalS3.start(dir.resolve("s3"));
                 S3Client client = s3.newClient()) {
                RebalanceBenchmark bench = new RebalanceBenchmark(dir, jar, kafka, s3, client, limit);
                for (String scenario : scenarios) {
                    switch (scenario) {
                        case "direct" -> bench.scenario(scenario, Duration.ZERO);
                        case "slow" -> bench.scenario(scenario, Duration.ofMillis(50));
                        default -> throw new IllegalArgumentException("unknown scenario " + scenario + ": direct or slow");
                    }
                }
            }
            System.out.println("The members' logs: " + KEPT_LOGS);
            System.out.println("rerun: " + (System.getenv("ARCHIVER_JAR") == null ? "" : "ARCHIVER_JAR=" + source + " ")
                    + "bench/rebalance.sh " + String.join(" ", args));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void scenario(String name, Duration latency) throws Exception {
        String prefix = "rb-" + name + "-";
        List<String> topics = IntStream.range(0, TOPICS).mapToObj(t -> prefix + t).toList();
        String bucket = "rb-" + name;
        client.createBucket(b -> b.bucket(bucket));
        try (Admin admin = kafka.admin()) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get(5, TimeUnit.MINUTES);
        }
        produceToEveryPartition(topics, FIRST_RECORDS, "first");
        System.out.printf("%nScenario %s: %s%n", name, latency.isZero() ? "S3 answering directly"
                : "S3 answering each request after " + latency.toMillis() + " ms (a proxy in front of it)");
        try (LatencyProxy proxy = latency.isZero() ? null : LatencyProxy.start(s3.endpoint(), latency);
             Admin admin = kafka.admin()) {
            URI endpoint = proxy == null ? s3.endpoint() : proxy.endpoint();
            String group = "rb-" + name;
            ChildArchiver a = start(name + "-A", group, bucket, topics, endpoint);
            ChildArchiver b = null;
            try {
                long started = System.nanoTime();
                boolean ready = Deadline.within(Duration.ofMinutes(10), Duration.ofSeconds(1), () -> {
                    a.checkAlive();
                    Group g = describe(admin, group);
                    return g.stable() && g.assigned() == TOTAL && a.recordsWrittenOrZero() >= (long) TOTAL * FIRST_RECORDS
                            && a.inProgressFiles() >= TOTAL;
                });
                System.out.printf("  start  member A: %,d partitions, a file open in each (%,d records written) after %.1f s%s%n",
                        TOTAL, a.recordsWritten(), seconds(started), ready ? "" : " - NOT READY, measuring anyway");

                // The join.
                Phase join = new Phase(admin, group, bucket, topics, a);
                b = start(name + "-B", group, bucket, topics, endpoint);
                join.add(b);
                ChildArchiver joined = b;
                join.measure("join", "member B started", g -> g.stable() && g.members().size() == 2
                        && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()) && g.assigned() == TOTAL,
                        () -> describe(admin, group).members().size() == 2);

                // The leave.
                Phase leave = new Phase(admin, group, bucket, topics, a, b);
                leave.stop(b);
                leave.measure("leave", "member B stopped (SIGTERM)", g -> g.stable() && g.members().size() == 1 && g.assigned() == TOTAL,
                        () -> describe(admin, group).members().size() == 1);
            } finally {
                if (b != null) {
                    b.close();
                }
                a.close();
            }
        } finally {
            try (Admin admin = kafka.admin()) {
                admin.deleteTopics(topics).all().get(2, TimeUnit.MINUTES);
            }
        }
    }

    /** One rebalance: what the members and the bucket were before it, and what it took to settle. */
    private final class Phase {
        private final Admin admin;
        private final String group;
        private final String bucket;
        private final Set<String> topics;
        private final List<ChildArchiver> members = new ArrayList<>();
        private final Map<ChildArchiver, Long> linesBefore = new LinkedHashMap<>();
        private final Map<ChildArchiver, Long> cpuBefore = new LinkedHashMap<>();
        private final Map<ChildArchiver, Long> writtenBefore = new LinkedHashMap<>();
        private final BucketCount objectsBefore;
        private long start;
        /** What the phase measured saw, in seconds since it began (-1: not seen). */
        private double seen;
        private double settledAt;
        private double consumedAt;
        private long readAgain;
        private int markersWritten;
        private Group last;
        /** The member that exited during the phase, if one did. */
        private String died;
        private ChildArchiver stopped;
        private long stoppedCpuTicks;
        private long reapedTicksBefore;
        private Thread stopping;
        private final AtomicReference<String> stopResult = new AtomicReference<>();

        Phase(Admin admin, String group, String bucket, List<String> topics, ChildArchiver... members) throws Exception {
            this.admin = admin;
            this.group = group;
            this.bucket = bucket;
            this.topics = Set.copyOf(topics);
            this.objectsBefore = objects(bucket, this.topics);
            this.start = System.nanoTime();
            for (ChildArchiver m : members) {
                add(m);
            }
        }

        /** A member started now: the phase starts with it. */
        void add(ChildArchiver m) throws IOException {
            if (!members.contains(m)) {
                members.add(m);
            }
            linesBefore.put(m, m.logLines());
            cpuBefore.put(m, m.cpuTicks());
            writtenBefore.put(m, m.recordsWrittenOrZero());
            start = System.nanoTime();
        }

        /** Asks {@code m} to stop (SIGTERM) without waiting: the phase starts now. */
        void stop(ChildArchiver m) throws Exception {
            stopped = m;
            stoppedCpuTicks = m.cpuTicks();
            reapedTicksBefore = reapedChildTicks();
            start = System.nanoTime();
            stopping = new Thread(() -> {
                try {
                    boolean ended = m.process.stop(limit);
                    stopResult.set(ended ? String.format("exited after %.1f s (code %d)", seconds(start), m.process.awaitExit(Duration.ZERO))
                            : "still running after " + limit.toSeconds() + " s");
                } catch (Exception e) {
                    stopResult.set("stop failed: " + e);
                }
            }, "stop-" + m.name);
            stopping.start();
        }

        /** One look at the group: true once it has settled after the join or leave, or a member has died. */
        private boolean settledOrDied(List<ChildArchiver> live, java.util.function.Predicate<Group> settled, Callable<Boolean> joinedOrLeft)
                throws Exception {
            died = dead(live);
            if (died != null) {
                return true;
            }
            if (seen < 0 && joinedOrLeft.call()) {
                seen = seconds(start);
            }
            last = describe(admin, group);
            if (seen >= 0 && settled.test(last)) {
                settledAt = seconds(start);
                return true;
            }
            return false;
        }

        /** One look at the members' files: true once every partition's marker is written, or a member has died. */
        private boolean consumedOrDied(List<ChildArchiver> live, Map<TopicPartition, Long> markers, Set<TopicPartition> written) throws Exception {
            died = dead(live);
            if (died != null) {
                return true;
            }
            for (ChildArchiver m : live) {
                m.markersWritten(markers, written);
            }
            markersWritten = written.size();
            if (written.size() == markers.size()) {
                consumedAt = seconds(start);
                // A record read again precedes its partition's marker: all are written by now.
                readAgain = live.stream().mapToLong(m -> m.recordsWrittenOrZero() - writtenBefore.get(m)).sum() - markers.size();
                return true;
            }
            return false;
        }

        void measure(String phase, String event, java.util.function.Predicate<Group> settled, Callable<Boolean> joinedOrLeft) throws Exception {
            long deadline = start + limit.toNanos();
            List<ChildArchiver> live = members.stream().filter(m -> m != stopped).toList();
            seen = -1;
            settledAt = -1;
            consumedAt = -1;
            readAgain = -1;
            markersWritten = 0;
            last = Group.NONE;
            died = null;
            // The join or leave, as the group sees it.
            Deadline.within(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), Duration.ofMillis(250),
                    () -> settledOrDied(live, settled, joinedOrLeft));
            if (settledAt >= 0 && died == null) {
                Map<TopicPartition, Long> markers = endOffsets(admin, topics);
                produceToEveryPartition(List.copyOf(topics), 1, phase);
                Set<TopicPartition> written = new HashSet<>();
                Deadline.within(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), Duration.ofMillis(500),
                        () -> consumedOrDied(live, markers, written));
            }
            double wall = seconds(start);
            if (stopping != null) {
                stopping.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            BucketCount objectsAfter = objects(bucket, topics);

            System.out.printf("  %-6s %s; %s%n", phase, event, seen < 0 ? "not seen by the group within " + limit.toSeconds() + " s"
                    : String.format("%s after %.1f s", phase.equals("join") ? "B in the group" : "B gone", seen));
            if (died != null) {
                System.out.printf("         member %s EXITED during the phase (its log: %s)%n", died, KEPT_LOGS);
            }
            if (stopped != null) {
                System.out.printf("         member B %s%n", stopResult.get() == null ? "still stopping" : stopResult.get());
            }
            if (settledAt >= 0) {
                System.out.printf("         group Stable, %,d partitions assigned (%s)   after %6.1f s%n", last.assigned(), last.split(), settledAt);
            } else {
                System.out.printf("         did not settle within %d s: group %s, %d member(s), %,d partitions assigned (%s)%n",
                        limit.toSeconds(), last.state(), last.members().size(), last.assigned(), last.split());
            }
            if (consumedAt >= 0) {
                System.out.printf("         a record then produced to each partition written   after %6.1f s  (records written again besides: %,d)%n",
                        consumedAt, readAgain);
            } else if (settledAt >= 0) {
                System.out.printf("         did not consume again within %d s: %,d of %,d partitions had the record produced after the group settled written%n",
                        limit.toSeconds(), markersWritten, TOTAL);
            }
            System.out.printf("         objects put in S3: %,d of the topics' records, %,d in all (manifest and snapshots included)%n",
                    objectsAfter.data() - objectsBefore.data(), objectsAfter.all() - objectsBefore.all());
            List<String> lines = new ArrayList<>();
            for (ChildArchiver m : members) {
                List<String> log = m.logSince(linesBefore.get(m));
                String thrown = ChildArchiver.thrownOut(log);
                long errors = log.stream().filter(l -> l.contains(" ERROR ")).count();
                // Kafka's consumer says it twice for a first join (the coordinator gives it a member id, then it joins).
                long joins = log.stream().filter(l -> l.contains("(Re-)joining group")).count();
                String cpu;
                if (m == stopped) {
                    double total = (reapedChildTicks() - reapedTicksBefore) / 100.0;
                    // Its CPU over its whole life is this JVM's once it has been waited for; less what it had used before the SIGTERM.
                    cpu = m.isAlive() ? "(still running)" : String.format("%.1f", total - stoppedCpuTicks / 100.0);
                } else {
                    cpu = String.format("%.1f", (m.cpuTicks() - cpuBefore.get(m)) / 100.0);
                }
                lines.add(String.format("member %s: thrown out of the group (log lines: %s), \"(Re-)joining group\" lines %d, ERROR lines %d, CPU-s %s",
                        m.name.substring(m.name.length() - 1), thrown, joins, errors, cpu));
            }
            lines.forEach(l -> System.out.println("         " + l));
            for (ChildArchiver m : members) {
                ChildArchiver.errorsByCause(m.logSince(linesBefore.get(m))).entrySet().stream().limit(3)
                        .forEach(e -> System.out.printf("           %s, %dx: %s%n", m.name, e.getValue(), e.getKey()));
            }
            System.out.printf("         wall %.1f s%n", wall);
        }
    }

    /** Each partition's end offset: the offset of the next record produced to it. */
    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(request).all().get(2, TimeUnit.MINUTES).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The name of a member that has exited, if one has. */
    private static String dead(List<ChildArchiver> members) {
        return members.stream().filter(m -> !m.isAlive()).map(m -> m.name).findFirst().orElse(null);
    }

    /** The group as the coordinator describes it. */
    private record Group(ConsumerGroupState state, List<MemberDescription> members) {
        static final Group NONE = new Group(ConsumerGroupState.UNKNOWN, List.of());

        boolean stable() {
            return state == ConsumerGroupState.STABLE;
        }

        int assigned() {
            Set<TopicPartition> all = new HashSet<>();
            members.forEach(m -> all.addAll(m.assignment().topicPartitions()));
            return all.size();
        }

        String split() {
            return members.isEmpty() ? "no member" : members.stream().map(m -> String.format("%,d", m.assignment().topicPartitions().size()))
                    .collect(Collectors.joining(" + "));
        }
    }

    private static Group describe(Admin admin, String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            return new Group(d.state(), List.copyOf(d.members()));
        } catch (Exception busy) {
            return Group.NONE;
        }
    }

    /** The bucket's objects: those holding the topics' records, and all. */
    private record BucketCount(long data, long all) {
    }

    private BucketCount objects(String bucket, Set<String> topics) {
        long data = 0;
        long all = 0;
        for (S3Object o : client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            all++;
            if (topics.contains(o.key().split("/", 2)[0])) {
                data++;
            }
        }
        return new BucketCount(data, all);
    }

    private ChildArchiver start(String name, String group, String bucket, List<String> topics, URI s3Endpoint) throws Exception {
        Properties p = new Properties();
        p.setProperty("kafka.brokers", kafka.bootstrapServers());
        p.setProperty("kafka.group-id", group);
        p.setProperty("archive.topics", String.join(",", topics));
        s3.settings(bucket).forEach(p::setProperty);
        p.setProperty("s3.endpoint", s3Endpoint.toString());
        // No file may rotate by age or size while a rebalance is measured: what is put in S3 is the rebalance's doing.
        p.setProperty("archive.rotate.max-age", "1h");
        return ChildArchiver.start(name, jar, dir.resolve(name), p, KEPT_LOGS);
    }

    private void produceToEveryPartition(List<String> topics, int records, String label) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        byte[] value = ("{\"bench\":\"rebalance\",\"phase\":\"" + label + "\",\"pad\":\"" + "x".repeat(120) + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"))) {
            for (String topic : topics) {
                for (int p = 0; p < PARTITIONS; p++) {
                    for (int r = 0; r < records; r++) {
                        producer.send(new ProducerRecord<>(topic, p, null, value), (metadata, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
                    }
                }
            }
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing to " + topics + " failed: " + failed.get(), failed.get());
        }
    }


    /** CPU ticks of this JVM's children that have ended and been waited for (cutime + cstime). */
    private static long reapedChildTicks() throws IOException {
        String[] stat = Files.readString(Path.of("/proc/self/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

}
