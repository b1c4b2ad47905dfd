package io.kafkaarchiver.bench;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalKafka;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.testkit.Azurite;
import io.kafkaarchiver.restore.ArchivedTopics;
import io.kafkaarchiver.restore.Progress;
import io.kafkaarchiver.restore.RestoreRequest;
import io.kafkaarchiver.restore.RestoreResult;
import io.kafkaarchiver.restore.RestoreWindow;
import io.kafkaarchiver.restore.Restorer;
import io.kafkaarchiver.runtime.JvmFlags;
import io.kafkaarchiver.topics.SnapshotStore;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.s3.S3Address;
import io.kafkaarchiver.store.s3.ConditionalWrites;
import io.kafkaarchiver.store.s3.S3Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.opentest4j.TestAbortedException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a user gets from the archiver, on a local broker and S3 server on this machine: the packaged jar
 * run as users run it, bare ({@code java -Xmx256m -jar target/kafka-archiver.jar run}) and as shipped (with
 * {@link JvmFlags#RECOMMENDED}, as the README's run line and the Dockerfile have it), timed from process
 * start until the group has committed every offset, with the CPU-seconds the archiver process used;
 * each compared, in the same run, with {@code gzip -6} (and {@code zstd -3}) alone on the same bytes.
 * <ol>
 *   <li>defaults: 200,000 records of 1 KB in 4 partitions, every setting at its default but max-age 5s;</li>
 *   <li>sustained: 800,000 records, max-bytes 32MB, max-age 2s (files rotate by size as records arrive);</li>
 *   <li>CPU: the archiver's CPU-seconds in (2) against those of gzip -6 alone;</li>
 *   <li>latency: single records produced to an idle archiver (max-age 5s), from the send to the object in
 *       S3, with the default check interval and with a check interval of an hour;</li>
 *   <li>scale: 10 topics of 1,000 partitions found by pattern, 200,000 records, in a 256 MB heap.</li>
 * </ol>
 * Scenarios 1 and 2 run both launches; 4 and 5 run the shipped one.
 * Run it with {@code bench/archive-throughput.sh [defaults|sustained|latency|scale ...]} (all by default).
 */
public final class ArchiveThroughputBenchmark {

    private static final int VALUE_SIZE = 1024;
    private static final Path BUILT_JAR = Path.of("target", "kafka-archiver.jar").toAbsolutePath();
    private static final byte[][] VALUES = sampleValues();
    private static Optional<String> only = Optional.empty();
    private static Path jar;

    /** One archiver run: wall-clock seconds from process start to the last commit, the process's CPU-seconds then, and by thread. */
    record Run(double seconds, double cpuSeconds, long rssMb, Map<String, Double> cpuByThread) {

        /** The threads that used the most CPU, by kind (numbers in their names dropped). */
        String busiestThreads() {
            return cpuByThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
        }
    }

    /** How the archiver's JVM is started. */
    enum Launch {
        BARE("java -jar", List.of("-XX:+ExitOnOutOfMemoryError")),
        SHIPPED("as shipped", JvmFlags.RECOMMENDED);

        final String label;
        final List<String> flags;

        Launch(String label, List<String> flags) {
            this.label = label;
            this.flags = flags;
        }
    }

    /** A reference compressor alone on the same bytes. */
    record Reference(String name, double seconds, double cpuSeconds) {
    }

    private final Path dir;
    private final LocalKafka kafka;
    private final LocalS3 s3;
    private final S3Client client;
    private int runs;

    private ArchiveThroughputBenchmark(Path dir, LocalKafka kafka, LocalS3 s3, S3Client client) {
        this.dir = dir;
        this.kafka = kafka;
        this.s3 = s3;
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        // A scenario may name one compression: sustained:zstd.
        Set<String> scenarios = args.length == 0 ? Set.of("defaults", "sustained", "latency", "scale", "stores")
                : Arrays.stream(args).map(a -> a.split(":")[0]).collect(Collectors.toSet());
        only = Arrays.stream(args).filter(a -> a.contains(":")).map(a -> a.split(":")[1]).findFirst();
        Path dir = Files.createTempDirectory("archive-bench");
        // A copy: a build while the benchmark runs must not change the jar under a running archiver.
        jar = Files.copy(BUILT_JAR, dir.resolve(BUILT_JAR.getFileName()));
        System.out.printf("Archiver benchmark, %d cores, %s; the archiver: java -Xmx256m [flags] -jar %s run, where \"as shipped\" is %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), BUILT_JAR.getFileName(),
                String.join(" ", JvmFlags.RECOMMENDED));
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
             LocalS3 s3 = LocalS3.start(dir.resolve("s3"));
             S3Client client = s3.newClient()) {
            ArchiveThroughputBenchmark bench = new ArchiveThroughputBenchmark(dir, kafka, s3, client);
            if (scenarios.contains("defaults")) {
                bench.throughput("1 defaults", 200_000, Map.of("archive.rotate.max-age", "5s"), true);
            }
            if (scenarios.contains("sustained")) {
                bench.throughput("2 sustained", 800_000, Map.of("archive.rotate.max-bytes", "32MB", "archive.rotate.max-age", "2s"), false);
            }
            if (scenarios.contains("latency")) {
                bench.latency();
            }
            if (scenarios.contains("scale")) {
                bench.scale();
            }
            if (scenarios.contains("stores")) {
                bench.stores();
            }
        }
        System.out.println("rerun: bench/archive-throughput.sh " + String.join(" ", args));
        // Gigabytes of broker logs, objects and payload: gone with the run.
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Scenarios 1 to 3: a preloaded topic archived with gzip, then zstd, against the reference compressors. */
    private void throughput(String name, int records, Map<String, String> settings, boolean restore) throws Exception {
        Path payload = payload(records);
        Reference gzip = reference("gzip -6", payload, "gzip", "-6", "-c");
        Reference zstd = reference("zstd -3", payload, "zstd", "-3", "-c");
        double mb = (double) records * VALUE_SIZE / 1e6;
        System.out.printf("%nScenario %s: %,d records of %d bytes in 4 partitions (%.0f MB), %s%n", name, records, VALUE_SIZE, mb, settings);
        System.out.printf("  %-8s %6.1f s wall  %6.1f CPU-s%n", gzip.name(), gzip.seconds(), gzip.cpuSeconds());
        if (zstd != null) {
            System.out.printf("  %-8s %6.1f s wall  %6.1f CPU-s%n", zstd.name(), zstd.seconds(), zstd.cpuSeconds());
        }
        for (String compression : only.map(List::of).orElse(List.of("gzip", "zstd"))) {
            for (Launch launch : Launch.values()) {
                String topic = "bench-" + (++runs) + "-" + compression;
                createTopic(topic, 4);
                preload(topic, 4, records);
                Map<String, String> all = new LinkedHashMap<>(settings);
                all.put("archive.compression", compression);
                Run run = archive(topic, List.of(topic), "256m", all, launch);
                Reference same = compression.equals("gzip") ? gzip : zstd;
                System.out.printf("  archiver %-4s %-10s %6.1f s wall (%.2fx %s%s)  %6.1f CPU-s (%.2fx gzip -6's)  %6.1f MB/s  peak RSS %d MB%n",
                        compression, launch.label, run.seconds(), run.seconds() / gzip.seconds(), "gzip -6",
                        same != null && same != gzip ? String.format(", %.2fx %s", run.seconds() / same.seconds(), same.name()) : "",
                        run.cpuSeconds(), run.cpuSeconds() / gzip.cpuSeconds(), mb / run.seconds(), run.rssMb());
                System.out.println("                 CPU-s by thread: " + run.busiestThreads());
                if (restore && compression.equals("gzip") && launch == Launch.SHIPPED) {
                    restore(topic, records, mb);
                }
            }
        }
    }

    /**
     * Scenario 6: the same records archived into S3 (S3Proxy), Azure Blob Storage (Azurite) and a directory
     * (archive.store = file), as shipped, in one run; Azure is left out, and says so, where npm cannot install Azurite.
     */
    private void stores() throws Exception {
        int records = 200_000;
        double mb = (double) records * VALUE_SIZE / 1e6;
        System.out.printf("%nScenario 6 stores: %,d records of %d bytes in 4 partitions (%.0f MB) into each store, gzip, as shipped%n",
                records, VALUE_SIZE, mb);
        Azurite azurite = null;
        try {
            azurite = Azurite.start(dir.resolve("azurite"));
        } catch (TestAbortedException noNpm) {
            System.out.println("  azure: not run, " + noNpm.getMessage());
        }
        Run s3Run = null;
        try {
            for (String store : azurite == null ? List.of("s3", "file") : List.of("s3", "azure", "file")) {
                String topic = "bench-" + (++runs) + "-" + store;
                createTopic(topic, 4);
                preload(topic, 4, records);
                Map<String, String> settings = new LinkedHashMap<>(Map.of("archive.rotate.max-age", "5s", "archive.compression", "gzip",
                        "archive.store", store));
                if (store.equals("file")) {
                    settings.put("file.root", Files.createDirectories(dir.resolve("store-" + topic)).toString());
                } else if (store.equals("azure")) {
                    azurite.createContainer(topic);
                    settings.putAll(azurite.settings(topic));
                }
                Run run = archive(topic, List.of(topic), "256m", settings, Launch.SHIPPED);
                s3Run = s3Run == null ? run : s3Run;
                System.out.printf("  archiver into %-5s %6.1f s wall (%.2fx S3Proxy's)  %6.1f CPU-s (%.2fx S3Proxy's)  %6.1f MB/s  peak RSS %d MB%n",
                        store, run.seconds(), run.seconds() / s3Run.seconds(), run.cpuSeconds(), run.cpuSeconds() / s3Run.cpuSeconds(),
                        mb / run.seconds(), run.rssMb());
            }
        } finally {
            if (azurite != null) {
                azurite.close();
            }
        }
    }

    /** Scenario 4: one record at a time to an idle archiver; from the send to its object in S3. */
    private void latency() throws Exception {
        System.out.printf("%nScenario 4 latency: single records to an idle archiver, archive.rotate.max-age 5s%n");
        for (String checkInterval : List.of("10s", "1h")) {
            String topic = "bench-" + (++runs) + "-latency";
            createTopic(topic, 1);
            Map<String, String> settings = Map.of("archive.rotate.max-age", "5s", "archive.rotate.check-interval", checkInterval);
            try (Archiving archiving = start(topic, List.of(topic), "256m", settings, Launch.SHIPPED)) {
                awaitAssigned(archiving, topic);
                List<Double> latencies = new ArrayList<>();
                try (KafkaProducer<byte[], byte[]> producer = producer()) {
                    for (int i = 0; i < 5; i++) {
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(topic, 0, null, VALUES[i])).get(30, TimeUnit.SECONDS);
                        int expected = i + 1;
                        Deadline.await("record " + expected + " in S3", Duration.ofMinutes(2), () -> {
                            archiving.process().checkAlive();
                            return archivedRecords(topic) >= expected;
                        });
                        latencies.add((System.nanoTime() - sent) / 1e9);
                    }
                }
                System.out.printf("  check-interval %-4s produce -> object in S3: %s s (max %.1f s; target: max-age + 1 s = 6 s)%n", checkInterval,
                        latencies.stream().map(l -> String.format("%.1f", l)).collect(Collectors.joining(", ")),
                        latencies.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
        }
    }

    /** Waits until the archiver's consumer has the topic assigned: what comes next is timed from a running archiver. */
    private void awaitAssigned(Archiving archiving, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            Deadline.await("the archiver consuming " + topic, Duration.ofMinutes(2), () -> {
                archiving.process().checkAlive();
                var group = admin.describeConsumerGroups(List.of(archiving.group())).all().get(30, TimeUnit.SECONDS).get(archiving.group());
                return group.members().stream().anyMatch(m -> m.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic)));
            });
        }
    }

    /** Scenario 5: ten thousand partitions in a 256 MB heap. */
    private void scale() throws Exception {
        int topics = 10;
        int partitions = 1000;
        int records = 200_000;
        String prefix = "bench-" + (++runs) + "-scale-";
        List<String> names = IntStream.range(0, topics).mapToObj(t -> prefix + t).toList();
        for (String topic : names) {
            createTopic(topic, partitions);
        }
        for (String topic : names) {
            preload(topic, partitions, records / topics);
        }
        System.out.printf("%nScenario 5 scale: %d topics x %d partitions by pattern, %,d records of 1 KB, -Xmx256m, max-age 5s%n",
                topics, partitions, records);
        Run run = archive(prefix + "all", names, "256m", Map.of("archive.topic-pattern", prefix + ".*", "archive.rotate.max-age", "5s",
                "archive.topic-refresh", "5s"), Launch.SHIPPED);
        System.out.printf("  all %,d offsets committed after %.1f s, %.1f CPU-s, peak RSS %d MB%n", records, run.seconds(), run.cpuSeconds(), run.rssMb());
    }

    /** Runs the archiver until every offset of {@code topics} is committed, then stops it. */
    private Run archive(String name, List<String> topics, String heap, Map<String, String> settings, Launch launch) throws Exception {
        try (Archiving archiving = start(name, topics, heap, settings, launch)) {
            Map<TopicPartition, Long> ends = endOffsets(topics);
            try (Admin admin = kafka.admin()) {
                Deadline.await("every offset of " + topics.size() + " topic(s) committed", Duration.ofMinutes(30), () -> {
                    archiving.process().checkAlive();
                    Map<TopicPartition, Long> committed = admin.listConsumerGroupOffsets(archiving.group()).partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS).entrySet().stream().filter(e -> e.getValue() != null)
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                    return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
                });
            }
            return archiving.measure();
        }
    }

    /** An archiver process, started as a user starts it, from a directory holding its application.properties. */
    private final class Archiving implements AutoCloseable {
        private final ChildJvm process;
        private final String group;
        private final long startNanos;

        Archiving(ChildJvm process, String group, long startNanos) {
            this.process = process;
            this.group = group;
            this.startNanos = startNanos;
        }

        ChildJvm process() {
            return process;
        }

        String group() {
            return group;
        }

        Run measure() throws Exception {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            List<String> stat = List.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")).split("\\) ")[1].split(" "));
            double cpu = (Long.parseLong(stat.get(11)) + Long.parseLong(stat.get(12))) / 100.0;
            long rss = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10).findFirst().orElse(-1L);
            Map<String, Double> byThread = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    String[] t = Files.readString(task.resolve("stat")).split("\\) ")[1].split(" ");
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "#");
                    byThread.merge(name, (Long.parseLong(t[11]) + Long.parseLong(t[12])) / 100.0, Double::sum);
                }
            }
            return new Run(seconds, cpu, rss, byThread);
        }

        @Override
        public void close() throws Exception {
            process.close();
        }
    }

    private Archiving start(String name, List<String> topics, String heap, Map<String, String> overrides, Launch launch) throws Exception {
        Path home = dir.resolve("archiver-" + name);
        Files.createDirectories(home);
        String group = "archiver-" + name;
        client.createBucket(b -> b.bucket(name));
        Properties p = new Properties();
        p.setProperty("kafka.brokers", kafka.bootstrapServers());
        p.setProperty("kafka.group-id", group);
        p.setProperty("archive.topics", String.join(",", topics));
        s3.settings(name).forEach(p::setProperty);
        p.setProperty("camel.management.port", Integer.toString(ChildJvm.freePort()));
        overrides.forEach(p::setProperty);
        if (overrides.containsKey("archive.topic-pattern")) {
            p.setProperty("archive.topics", "");
        }
        try (Writer out = Files.newBufferedWriter(home.resolve("application.properties"))) {
            p.store(out, "benchmark " + name);
        }
        long start = System.nanoTime();
        List<String> java = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx" + heap));
        java.addAll(launch.flags);
        // For a look inside, e.g. ARCHIVER_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/archiver.jfr
        String extra = System.getenv().getOrDefault("ARCHIVER_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            java.addAll(List.of(extra.split("\\s+")));
        }
        java.addAll(List.of("-jar", jar.toString(), "run"));
        ProcessBuilder command = new ProcessBuilder(java).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("archiver.log").toFile());
        return new Archiving(ChildJvm.start("archiver-" + name, command, home.resolve("archiver.log")), group, start);
    }

    private void restore(String topic, int records, double mb) throws Exception {
        long start = System.nanoTime();
        Properties settings = SettingsSource.load(dir, Map.of());
        settings.setProperty("kafka.brokers", kafka.bootstrapServers());
        settings.setProperty("archive.topics", topic);
        ArchiveStore store = store(topic);
        Manifest manifest = new Manifest(store, "_manifest", Clock.systemUTC());
        Restorer restorer = new Restorer(store, new ArchiveCatalog(store, manifest), new SnapshotStore(store, manifest),
                KafkaConnection.from(settings), ArchivedTopics.from(settings), notice -> { });
        RestoreRequest request = RestoreRequest.of(topic, topic + "-restored", Set.of(), RestoreWindow.ALL, 0, false,
                dir.resolve(topic + ".offsets.csv"));
        RestoreResult result = restorer.restore(restorer.prepare(request), Progress.inLines(line -> { }, System::nanoTime));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.records() != records) {
            throw new IllegalStateException("restored " + result.records() + " records of " + records);
        }
        System.out.printf("  restore       %6.1f s wall, %,9.0f records/s, %6.1f MB/s (the gzip archive into a new topic: idempotent producer, acks=all)%n",
                seconds, records / seconds, mb / seconds);
    }

    /** A bucket of the benchmark's S3 server as the archive's store, through the benchmark's client (which outlives it). */
    private ArchiveStore store(String bucket) {
        return new S3Store(client, new S3Address(bucket, s3.endpoint().toString(), LocalS3.REGION, true), "", "", 16L << 20, ConditionalWrites.S3);
    }

    private long archivedRecords(String bucketAndTopic) {
        ArchiveStore store = store(bucketAndTopic);
        ArchiveCatalog catalog = new ArchiveCatalog(store, new Manifest(store, "_manifest", Clock.systemUTC()));
        return catalog.list(java.util.Optional.of(bucketAndTopic), true).recordCount();
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS).values().forEach(d -> d.partitions()
                    .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(request).all().get(60, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(120, TimeUnit.SECONDS);
        }
    }

    private void preload(String topic, int partitions, int records) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < records && failed.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, Integer.toString(i).getBytes(StandardCharsets.US_ASCII), VALUES[i % VALUES.length]),
                        (metadata, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
            }
        }
        // A record the broker did not take would leave the archiver waiting for it to the deadline.
        if (failed.get() != null) {
            throw new IllegalStateException("preloading " + topic + " failed: " + failed.get(), failed.get());
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                // A busy machine times requests out; an idempotent producer then retries a sequence error forever.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"));
    }

    /** The values the topic is preloaded with, one after the other: what the reference compressors compress. */
    private Path payload(int records) throws Exception {
        Path raw = dir.resolve("payload-" + records + ".bin");
        try (OutputStream out = Files.newOutputStream(raw)) {
            for (int i = 0; i < records; i++) {
                out.write(VALUES[i % VALUES.length]);
            }
        }
        return raw;
    }

    /** Times a reference compressor on the payload: wall-clock, and its CPU-seconds; null when it is not installed. */
    private static Reference reference(String name, Path payload, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add(payload.toString());
        long cpuBefore = childCpuTicks();
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException notInstalled) {
            return null;
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(name + " failed");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Reference(name, seconds, (childCpuTicks() - cpuBefore) / 100.0);
    }

    /** CPU ticks of this JVM's children that have been waited for (cutime + cstime). */
    private static long childCpuTicks() throws Exception {
        String[] stat = Files.readString(Path.of("/proc/self/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    }

    /** Text-like values, so compression has real work to do. */
    private static byte[][] sampleValues() {
        String[] words = {"order", "customer", "amount", "status", "shipped", "pending", "eur", "usd", "id", "sku", "warehouse"};
        Random random = new Random(3);
        byte[][] values = new byte[1024][];
        for (int v = 0; v < values.length; v++) {
            StringBuilder s = new StringBuilder("{");
            while (s.length() < VALUE_SIZE - 24) {
                s.append('"').append(words[random.nextInt(words.length)]).append("\":").append(random.nextInt(100_000)).append(',');
            }
            while (s.length() < VALUE_SIZE - 1) {
                s.append(' ');
            }
            values[v] = s.append('}').toString().getBytes(StandardCharsets.US_ASCII);
        }
        return values;
    }
}
