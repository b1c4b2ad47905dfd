package io.kafkaarchiver.bench;

import io.kafkaarchiver.ArchiverRuntime;
import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.demo.LocalKafka;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.restore.ArchivedTopics;
import io.kafkaarchiver.restore.Progress;
import io.kafkaarchiver.restore.RestoreRequest;
import io.kafkaarchiver.restore.RestoreResult;
import io.kafkaarchiver.restore.RestoreWindow;
import io.kafkaarchiver.restore.Restorer;
import io.kafkaarchiver.topics.SnapshotStore;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole pipeline, Kafka to S3: preloads a topic with 1 KB records over 4 partitions, starts the
 * archiver, and times it until every offset is in S3; prints records/s, MB/s, peak heap and RSS, and
 * how long {@code gzip -6} alone takes on the same bytes; then times a restore of the gzip archive into a new
 * topic. Run it with {@code bench/archive-throughput.sh}.
 */
public final class ArchiveThroughputBenchmark {

    private static final int PARTITIONS = 4;
    private static final int VALUE_SIZE = 1024;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("archive-bench");
        byte[][] values = sampleValues();
        Path raw = dir.resolve("payload.bin");
        try (OutputStream out = Files.newOutputStream(raw)) {
            for (int i = 0; i < records; i++) {
                out.write(values[i % values.length]);
            }
        }
        double gzipSeconds = gzipAlone(raw);
        double mb = (double) records * VALUE_SIZE / 1e6;
        System.out.printf("Pipeline throughput: %,d records of %d bytes over %d partitions (%.0f MB), max heap %d MB%n",
                records, VALUE_SIZE, PARTITIONS, mb, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("gzip -6 alone on the same bytes: %.1f s (%.1f MB/s)%n", gzipSeconds, mb / gzipSeconds);
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
             LocalS3 s3 = LocalS3.start(dir.resolve("s3"));
             S3Client client = s3.newClient()) {
            for (String compression : new String[] {"gzip", "zstd"}) {
                String topic = "bench-" + compression;
                kafka.createTopic(topic, PARTITIONS);
                client.createBucket(b -> b.bucket(topic));
                preload(kafka, topic, records, values);
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                Properties settings = settings(dir, kafka, s3, topic, compression);
                ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiverRuntime.JAR_ROUTES);
                archiver.start();
                ArchiveCatalog catalog = new ArchiveCatalog(client, topic, archiver.configuration().manifest());
                try {
                    Deadline.await(records + " records in S3", Duration.ofMinutes(20), () -> catalog.list(Optional.of(topic), true).recordCount() >= records);
                } finally {
                    archiver.stop();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%-5s %6.1f s  %,9.0f records/s  %6.1f MB/s  %.2fx gzip-alone time  peak heap %d MB  peak RSS %d MB%n",
                        compression, seconds, records / seconds, mb / seconds, seconds / gzipSeconds, peakHeapMb(), peakRssMb());
                if (compression.equals("gzip")) {
                    restore(client, settings, topic, dir, records, mb);
                }
            }
        }
        System.out.println("rerun: bench/archive-throughput.sh " + records);
    }

    /** Times a restore of the whole archive into a new topic, from reading the catalog to the last checkpoint. */
    private static void restore(S3Client client, Properties settings, String topic, Path dir, int records, double mb) throws Exception {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        Manifest manifest = new Manifest(client, topic, "_manifest", Clock.systemUTC());
        Restorer restorer = new Restorer(client, new ArchiveCatalog(client, topic, manifest), new SnapshotStore(client, topic, manifest),
                KafkaConnection.from(settings), ArchivedTopics.from(settings), notice -> { });
        RestoreRequest request = RestoreRequest.of(topic, topic + "-restored", Set.of(), RestoreWindow.ALL, 0, false,
                dir.resolve(topic + ".offsets.csv"));
        RestoreResult result = restorer.restore(restorer.prepare(request), Progress.inLines(line -> { }, System::nanoTime));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.records() != records) {
            throw new IllegalStateException("restored " + result.records() + " records of " + records);
        }
        System.out.printf("restore %4.1f s  %,9.0f records/s  %6.1f MB/s  (the %s archive into a new topic: idempotent producer, acks=all)  peak heap %d MB%n",
                seconds, records / seconds, mb / seconds, topic, peakHeapMb());
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

    private static void preload(LocalKafka kafka, String topic, int records, byte[][] values) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records && failed.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, Integer.toString(i).getBytes(StandardCharsets.US_ASCII), values[i % values.length]),
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

    private static Properties settings(Path dir, LocalKafka kafka, LocalS3 s3, String topic, String compression) {
        Properties p = SettingsSource.load(dir, Map.of());
        p.setProperty("kafka.brokers", kafka.bootstrapServers());
        p.setProperty("kafka.group-id", "bench-" + topic);
        p.setProperty("archive.topics", topic);
        p.setProperty("archive.work-dir", dir.resolve("work-" + topic).toString());
        p.setProperty("archive.compression", compression);
        p.setProperty("archive.rotate.max-records", "25000");
        p.setProperty("archive.rotate.max-age", "2s");
        p.setProperty("archive.rotate.check-interval", "250ms");
        p.setProperty("s3.bucket", topic);
        p.setProperty("s3.endpoint", s3.endpoint().toString());
        p.setProperty("s3.path-style", "true");
        p.setProperty("s3.access-key", LocalS3.ACCESS_KEY);
        p.setProperty("s3.secret-key", LocalS3.SECRET_KEY);
        return p;
    }

    private static double gzipAlone(Path raw) throws Exception {
        long start = System.nanoTime();
        Process gzip = new ProcessBuilder("gzip", "-6", "-c", raw.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (gzip.waitFor() != 0) {
            throw new IllegalStateException("gzip failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** The process's peak resident set (VmHWM), which includes the benchmark's own producer. */
    private static long peakRssMb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10).findFirst().orElse(-1L);
    }
}
