package io.kafkaarchiver.bench;

import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalKafka;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.runtime.JvmFlags;
import io.kafkaarchiver.testkit.LatencyProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a long S3 outage does to an archiver of many partitions: one archiver (the packaged jar, as users run it,
 * {@code -Xmx512m} and the shipped flags) archives 2 topics x 500 partitions by pattern with
 * {@code archive.rotate.max-age=1m} ({@code OUTAGE_MAX_AGE}), while a producer sends a steady 2,000 records/s spread over every partition.
 * S3 is reached through a {@link LatencyProxy} (no delay) that is taken down after 30 s, for N minutes, and brought
 * up again. It prints, minute by minute through the outage, the records the archiver has written (its
 * {@code kafka_archiver_records_written_total}: whether the consumer kept polling), the group's lag and the files
 * waiting in its working directory; the times it was thrown out of its group; and after the return, the seconds
 * until the backlog has drained (every file that waited at the return is in S3, and the group's committed offsets
 * have caught up with what was produced before it), the ERROR lines by cause, CPU-seconds and wall time.
 * Run it with {@code bench/outage.sh [minutes]}.
 */
public final class OutageBenchmark {

    private static final int TOPICS = 2;
    private static final int PARTITIONS = 500;
    private static final int TOTAL = TOPICS * PARTITIONS;
    private static final int RATE = 2_000;
    /** The producer's rounds: ten a second. */
    private static final long ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration BEFORE = Duration.ofSeconds(30);
    private static final Duration SAMPLE = Duration.ofSeconds(5);
    private static final String GROUP = "outage-bench";
    private static final Path KEPT_LOGS = Path.of("target", "outage-logs").toAbsolutePath();
    /** The folders of the working directory a file waits in on its way to S3, after in-progress/. */
    private static final List<String> WAITING = List.of("rotated", "compressing", "upload", "quarantine");

    private final Admin admin;
    private final List<TopicPartition> partitions;

    private OutageBenchmark(Admin admin, List<TopicPartition> partitions) {
        this.admin = admin;
        this.partitions = partitions;
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length == 0 ? 7 : Integer.parseInt(args[0]);
        Duration outage = Duration.ofMinutes(minutes);
        Duration drainLimit = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("OUTAGE_DRAIN_LIMIT", "600")));
        // A file per partition a minute: thousands of files in a 7-minute outage, as the target has it; 5s makes tens of thousands.
        String maxAge = System.getenv().getOrDefault("OUTAGE_MAX_AGE", "1m");
        Path source = Path.of(System.getenv().getOrDefault("ARCHIVER_JAR", "target/kafka-archiver.jar")).toAbsolutePath();
        Path dir = Files.createTempDirectory("outage-bench");
        long benchStart = System.nanoTime();
        try {
            // A copy: a build while the benchmark runs must not change the jar under the running archiver.
            Path jar = Files.copy(source, dir.resolve("kafka-archiver.jar"));
            System.out.printf("Outage benchmark, %d cores (shared: other work runs meanwhile), Java %s; the archiver: java -Xmx512m %s -jar %s run%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), String.join(" ", JvmFlags.RECOMMENDED), source);
            System.out.printf("%d topics x %d partitions by archive.topic-pattern, %,d records/s in all to every partition; S3 up %d s, down %d min, up again (drain limit %d s)%n",
                    TOPICS, PARTITIONS, RATE, BEFORE.toSeconds(), minutes, drainLimit.toSeconds());
            System.out.println("settings changed from the defaults: archive.rotate.max-age=" + maxAge + "; and where things are: kafka.brokers, kafka.group-id,"
                    + " archive.topic-pattern, s3.bucket/endpoint/path-style/access-key/secret-key, camel.management.port");
            List<String> topics = IntStream.range(0, TOPICS).mapToObj(t -> "outage-" + t).toList();
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(t -> IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(t, p))).toList();
            try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
                 LocalS3 s3 = LocalS3.start(dir.resolve("s3"));
                 S3Client client = s3.newClient();
                 LatencyProxy proxy = LatencyProxy.start(s3.endpoint(), Duration.ZERO);
                 Admin admin = kafka.admin()) {
                client.createBucket(b -> b.bucket("outage"));
                admin.createTopics(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get(5, TimeUnit.MINUTES);
                Properties settings = new Properties();
                settings.setProperty("kafka.brokers", kafka.bootstrapServers());
                settings.setProperty("kafka.group-id", GROUP);
                settings.setProperty("archive.topic-pattern", "outage-.*");
                s3.settings("outage").forEach(settings::setProperty);
                settings.setProperty("s3.endpoint", proxy.endpoint().toString());
                settings.setProperty("archive.rotate.max-age", maxAge);
                Duration producing = BEFORE.plus(outage).plus(drainLimit).plus(Duration.ofMinutes(5));
                try (ChildArchiver archiver = ChildArchiver.start("outage", jar, dir.resolve("archiver"), settings, KEPT_LOGS);
                     SteadyProducer producer = new SteadyProducer(kafka.bootstrapServers(), partitions, producing)) {
                    new OutageBenchmark(admin, partitions).run(archiver, producer, proxy, outage, drainLimit);
                } catch (IOException | IllegalStateException e) {
                    System.out.println("STOPPED: " + e.getMessage());
                }
            }
            System.out.printf("wall time of the benchmark %.0f s; the archiver's log: %s%n", seconds(benchStart), KEPT_LOGS.resolve("outage.log"));
            System.out.println("rerun: " + (System.getenv("ARCHIVER_JAR") == null ? "" : "ARCHIVER_JAR=" + source + " ")
                    + "bench/outage.sh " + String.join(" ", args));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void run(ChildArchiver archiver, SteadyProducer producer, LatencyProxy proxy, Duration outage, Duration drainLimit) throws Exception {
        long started = System.nanoTime();
        Deadline.await("the archiver to be assigned all " + TOTAL + " partitions", Duration.ofMinutes(5), () -> {
            archiver.checkAlive();
            return assigned() == TOTAL;
        });
        System.out.printf("%nthe archiver holds all %,d partitions after %.1f s%n", TOTAL, seconds(started));

        // S3 up.
        producer.start();
        long upStart = System.nanoTime();
        long cpuStart = archiver.cpuTicks();
        waitUntil(upStart + BEFORE.toNanos(), archiver);
        System.out.printf("S3 up     %3.0f s: %,d records produced, %,d written, %,d objects uploaded; lag %,d; files waiting %s%n",
                seconds(upStart), producer.sent(), archiver.recordsWritten(),
                (long) archiver.metric("kafka_archiver_objects_uploaded_total"), lag(committed()), waiting(archiver));

        // S3 down.
        long linesAtDown = archiver.logLines();
        long cpuAtDown = archiver.cpuTicks();
        proxy.down();
        long down = System.nanoTime();
        System.out.printf("S3 DOWN (the proxy resets every connection) for %d min%n", outage.toMinutes());
        long lastWritten = archiver.recordsWritten();
        long lastRise = down;
        double longestStill = 0;
        int minute = 1;
        for (long sample = down + SAMPLE.toNanos(); sample <= down + outage.toNanos(); sample += SAMPLE.toNanos()) {
            waitUntil(sample, archiver);
            long written = archiver.recordsWrittenOrZero();
            if (written > lastWritten) {
                lastRise = System.nanoTime();
                lastWritten = written;
            } else {
                longestStill = Math.max(longestStill, seconds(lastRise));
            }
            // The last minute's figures are those at the return, printed with it: S3 comes back on time.
            if (sample >= down + Duration.ofMinutes(minute).toNanos() && minute < outage.toMinutes()) {
                System.out.printf("  minute %d: %,9d records produced, %,9d written; group lag %,9d; files %s; thrown out of the group: %d%n",
                        minute, producer.sent(), written, lag(committed()), waiting(archiver), ChildArchiver.thrownOutCount(archiver.tellingLinesSince(linesAtDown)));
                minute++;
            }
        }
        System.out.printf("  records written did not rise for %.0f s at the longest (sampled every %d s)%n", longestStill, SAMPLE.toSeconds());

        // S3 up again: what waited then must drain. What was produced and what waits is taken just before the return.
        Map<TopicPartition, Long> producedBefore = endOffsets();
        Set<String> backlog = waitingFiles(archiver);
        long quarantinedAtReturn = archiver.files("quarantine");
        long uploadAtReturn = archiver.files("upload");
        long uploadedAtReturn = (long) archiver.metric("kafka_archiver_objects_uploaded_total");
        proxy.up();
        long back = System.nanoTime();
        // Read after the return, as a long log takes seconds to count: the outage's ERROR lines end a moment late.
        long linesAtReturn = archiver.logLines();
        long cpuAtReturn = archiver.cpuTicks();
        System.out.printf("S3 UP again after %.0f s down (%,d connections reset meanwhile); at the return: %,d records produced, %,d written;"
                        + " %,d files waiting (%,d in upload/, %,d in quarantine/); group lag %,d; thrown out of the group: %d%n",
                (back - down) / 1e9, proxy.refused(), producedBefore.values().stream().mapToLong(Long::longValue).sum(), archiver.recordsWritten(),
                backlog.size(), uploadAtReturn, quarantinedAtReturn, lag(committed()), ChildArchiver.thrownOutCount(archiver.tellingLinesSince(linesAtDown)));

        DrainWatch watch = new DrainWatch(archiver, back, backlog, producedBefore);
        Deadline.within(drainLimit, Duration.ofSeconds(1), watch::drained);
        double quarantineEmpty = watch.quarantineEmpty;
        double filesDrained = watch.filesDrained;
        double offsetsCaughtUp = watch.offsetsCaughtUp;
        double drained = filesDrained < 0 || offsetsCaughtUp < 0 ? -1 : Math.max(filesDrained, offsetsCaughtUp);
        long cpuEnd = archiver.cpuTicks();
        List<String> afterReturn = archiver.tellingLinesSince(linesAtReturn);
        List<String> outageLog = archiver.tellingLinesSince(linesAtDown);

        System.out.printf("after the return:%n");
        System.out.printf("  quarantine/ empty                                      %s%n", at(quarantineEmpty, drainLimit));
        System.out.printf("  every file that waited at the return in S3             %s%n", at(filesDrained, drainLimit));
        System.out.printf("  committed offsets caught up with the produced ones      %s%n", at(offsetsCaughtUp, drainLimit));
        System.out.printf("  BACKLOG DRAINED                                        %s   (target: within 60 s)%n", at(drained, drainLimit));
        System.out.printf("  objects uploaded since the return: %,d; files now %s%n",
                (long) archiver.metric("kafka_archiver_objects_uploaded_total") - uploadedAtReturn, waiting(archiver));
        System.out.printf("thrown out of the group, from the outage on (log lines): %s; \"(Re-)joining group\" lines %d%n",
                ChildArchiver.thrownOut(outageLog), outageLog.stream().filter(l -> l.contains("(Re-)joining group")).count());
        long errorsAfter = afterReturn.stream().filter(l -> l.contains(" ERROR ")).count();
        System.out.printf("ERROR lines during the outage %d, after the return %d; by cause (whole run):%n",
                outageLog.stream().filter(l -> l.contains(" ERROR ")).count() - errorsAfter, errorsAfter);
        ChildArchiver.errorsByCause(archiver.tellingLinesSince(0)).entrySet().stream().limit(8)
                .forEach(e -> System.out.printf("  %,7dx %s%n", e.getValue(), e.getKey()));
        System.out.printf("the archiver's CPU-seconds: S3 up %.1f, down %.1f, after the return %.1f (%.0f s); wall %.0f s since the producer started%n",
                (cpuAtDown - cpuStart) / 100.0, (cpuAtReturn - cpuAtDown) / 100.0, (cpuEnd - cpuAtReturn) / 100.0, seconds(back), seconds(upStart));
        System.out.printf("records produced %,d (failed sends %d), written %,d%n", producer.sent(), producer.failed(), archiver.recordsWrittenOrZero());
    }

    /** Waits for the moment {@code nanoTime} (a timed wait: the scenario's clock), failing if the archiver has exited. */
    private static void waitUntil(long nanoTime, ChildArchiver archiver) throws Exception {
        Deadline.within(Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime())), Duration.ofSeconds(1), () -> {
            archiver.checkAlive();
            return System.nanoTime() - nanoTime >= 0;
        });
    }

    /** After S3's return: when the quarantine emptied, the files that waited were in S3, and the commits caught up, in seconds since the return. */
    private final class DrainWatch {
        private final ChildArchiver archiver;
        private final long back;
        private final Set<String> backlog;
        private final Map<TopicPartition, Long> producedBefore;
        private long nextReport;
        double quarantineEmpty = -1;
        double filesDrained = -1;
        double offsetsCaughtUp = -1;

        DrainWatch(ChildArchiver archiver, long back, Set<String> backlog, Map<TopicPartition, Long> producedBefore) {
            this.archiver = archiver;
            this.back = back;
            this.backlog = backlog;
            this.producedBefore = producedBefore;
            this.nextReport = back + Duration.ofSeconds(30).toNanos();
        }

        /** One look at the archiver, reporting every 30 s; true once the backlog has drained. */
        boolean drained() throws Exception {
            archiver.checkAlive();
            if (quarantineEmpty < 0 && archiver.files("quarantine") == 0) {
                quarantineEmpty = seconds(back);
            }
            if (filesDrained < 0) {
                Set<String> left = waitingFiles(archiver);
                left.retainAll(backlog);
                if (left.isEmpty()) {
                    filesDrained = seconds(back);
                }
            }
            if (offsetsCaughtUp < 0 && behind(producedBefore, committed()) == 0) {
                offsetsCaughtUp = seconds(back);
            }
            if (System.nanoTime() >= nextReport) {
                Set<String> left = waitingFiles(archiver);
                left.retainAll(backlog);
                System.out.printf("  +%3.0f s: %,d of the files that waited at the return still wait; %,d partitions' commits short of what was produced before it; files %s%n",
                        seconds(back), left.size(), behind(producedBefore, committed()), waiting(archiver));
                nextReport += Duration.ofSeconds(30).toNanos();
            }
            return filesDrained >= 0 && offsetsCaughtUp >= 0;
        }
    }

    private static String at(double seconds, Duration limit) {
        return seconds < 0 ? "NOT within " + limit.toSeconds() + " s" : String.format("after %5.1f s", seconds);
    }

    /** "in-progress N, rotated N, ..." from the working directory. */
    private static String waiting(ChildArchiver archiver) throws IOException {
        List<String> counts = new ArrayList<>();
        for (String folder : Stream.concat(Stream.of("in-progress"), WAITING.stream()).toList()) {
            counts.add(folder + " " + String.format("%,d", archiver.files(folder)));
        }
        return String.join(", ", counts);
    }

    /** The files waiting after in-progress/, each by its name without the object's extension (a file keeps its name from stage to stage). */
    private static Set<String> waitingFiles(ChildArchiver archiver) throws IOException {
        Set<String> names = new HashSet<>();
        for (String folder : WAITING) {
            try (var files = Files.list(archiver.home.resolve("archive-work").resolve(folder))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".mak"))
                        .forEach(n -> names.add(n.substring(0, n.indexOf(".mak"))));
            } catch (java.nio.file.NoSuchFileException notYet) {
                // none there
            }
        }
        return names;
    }

    private int assigned() {
        try {
            return admin.describeConsumerGroups(List.of(GROUP)).all().get(30, TimeUnit.SECONDS).get(GROUP).members().stream()
                    .mapToInt(m -> m.assignment().topicPartitions().size()).sum();
        } catch (Exception busy) {
            return 0;
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        return admin.listOffsets(request).all().get(2, TimeUnit.MINUTES).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The group's committed offsets (0 for a partition with none). */
    private Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(2, TimeUnit.MINUTES);
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        partitions.forEach(tp -> offsets.put(tp, c.get(tp) == null ? 0L : c.get(tp).offset()));
        return offsets;
    }

    /** The records produced that the group has not committed. */
    private long lag(Map<TopicPartition, Long> committed) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets();
        return partitions.stream().mapToLong(tp -> Math.max(0, ends.get(tp) - committed.get(tp))).sum();
    }

    /** The partitions whose commit is short of {@code produced}. */
    private long behind(Map<TopicPartition, Long> produced, Map<TopicPartition, Long> committed) {
        return partitions.stream().filter(tp -> committed.get(tp) < produced.get(tp)).count();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Sends {@link #RATE} records a second, spread over every partition, on a thread of its own, for at most {@code limit}. */
    private static final class SteadyProducer implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final List<TopicPartition> partitions;
        private final long maxRecords;
        private final long limitNanos;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean stopping;

        SteadyProducer(String bootstrapServers, List<TopicPartition> partitions, Duration limit) {
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.ACKS_CONFIG, "1"));
            this.partitions = partitions;
            this.limitNanos = limit.toNanos();
            this.maxRecords = RATE * limit.toSeconds();
            this.thread = new Thread(this::send, "steady-producer");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void send() {
            byte[] value = ("{\"bench\":\"outage\",\"pad\":\"" + "x".repeat(120) + "\"}").getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            int next = 0;
            // Ten rounds a second, each sending what the rate allows up to now: the pace holds through a slow round.
            while (!stopping && sent.get() < maxRecords && System.nanoTime() - start < limitNanos) {
                long due = Math.min(maxRecords, (System.nanoTime() - start) * RATE / 1_000_000_000L);
                while (sent.get() < due) {
                    TopicPartition tp = partitions.get(next);
                    next = (next + 1) % partitions.size();
                    producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null, value), (metadata, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                    sent.incrementAndGet();
                }
                try {
                    Deadline.until(System.nanoTime() + ROUND_NANOS); // the pace, not synchronisation
                } catch (Exception e) {
                    return;
                }
            }
        }

        long sent() {
            return sent.get();
        }

        long failed() {
            return failed.get();
        }

        @Override
        public void close() throws InterruptedException {
            stopping = true;
            thread.join(10_000);
            producer.close(Duration.ofSeconds(10));
            if (firstFailure.get() != null) {
                System.out.println("the producer's first failure: " + firstFailure.get());
            }
        }
    }
}
