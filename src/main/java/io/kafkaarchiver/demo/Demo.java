package io.kafkaarchiver.demo;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.ArchivedObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archiver on a machine with no Kafka or S3: starts a local broker and S3 server, produces sample
 * orders, archives them with the default routes, and shows what landed in the bucket.
 */
public final class Demo {

    public static final String TOPIC = "demo-orders";
    public static final String BUCKET = "kafka-archive-demo";
    private static final int PARTITIONS = 3;
    /** Written in the demo's folder by {@code --keep}, for the commands' {@code --settings}. */
    public static final String SETTINGS_FILE = "demo.properties";

    private final PrintStream out;
    private final int records;
    private final MakCat makCat;
    private final String mainClass;

    /** What {@code mak cat} prints for a file: the demo shows the first lines of one object. */
    @FunctionalInterface
    public interface MakCat {
        String text(Path file) throws Exception;
    }

    /**
     * @param mainClass the command line's entry class, for the commands {@code --keep} prints when the
     *                  archiver runs from a class path rather than its jar
     */
    public Demo(PrintStream out, int records, MakCat makCat, String mainClass) {
        this.out = out;
        this.records = records;
        this.makCat = makCat;
        this.mainClass = mainClass;
    }

    /** @return the objects that hold the sample records */
    public List<ArchivedObject> run(Path dir) throws Exception {
        return run(dir, false);
    }

    /**
     * As {@link #run(Path)}; with {@code keep}, the broker and the S3 server then stay up, with the commands
     * that explore them printed, until the JVM is stopped (Ctrl-C, SIGTERM), which stops them.
     */
    public List<ArchivedObject> run(Path dir, boolean keep) throws Exception {
        out.println("Starting a local Kafka broker and S3 server under " + dir + " ...");
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
             LocalS3 s3 = LocalS3.start(dir.resolve("s3"));
             S3Client client = s3.newClient()) {
            out.println("  Kafka: " + kafka.bootstrapServers() + "   S3: " + s3.endpoint());
            kafka.createTopic(TOPIC, PARTITIONS);
            client.createBucket(b -> b.bucket(BUCKET));
            produce(kafka);
            out.println("Produced " + records + " records to " + TOPIC + " (" + PARTITIONS + " partitions); archiving ...");

            int managementPort = ChildJvm.freePort();
            ArchiverRuntime archiver = ArchiverRuntime.create(settings(dir, kafka, s3, managementPort), ArchiveConfiguration.ROUTES);
            archiver.start();
            out.println("  Health and metrics while it runs: http://127.0.0.1:" + managementPort + "/observe/health, /observe/metrics");
            ArchiveCatalog catalog = archiver.configuration().catalog();
            List<ArchivedObject> objects;
            try {
                Deadline.await("all " + records + " records in s3://" + BUCKET, Duration.ofMinutes(3),
                        () -> catalog.list(Optional.of(TOPIC), true).recordCount() >= records);
                objects = catalog.list(Optional.of(TOPIC), true).objects();
            } finally {
                archiver.stop();
            }
            Path copy = report(client, objects, dir);
            if (keep) {
                new KeptServers(out, mainClass).offer(dir.resolve(SETTINGS_FILE), connection(kafka, s3), TOPIC, copy);
            }
            return objects;
        }
    }

    private void produce(LocalKafka kafka) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records; i++) {
                String key = "customer-" + (i % 17);
                String value = "{\"order\":" + i + ",\"customer\":\"" + key + "\",\"amount\":" + (i * 37 % 1000) / 10.0 + "}";
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
                r.headers().add("source", "demo".getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
        }
    }

    /** Where the demo's archive is: the settings the commands that read it need. */
    private static Map<String, String> connection(LocalKafka kafka, LocalS3 s3) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("kafka.brokers", kafka.bootstrapServers());
        c.put("kafka.group-id", "kafka-archiver-demo");
        c.put("archive.topics", TOPIC);
        c.putAll(s3.settings(BUCKET));
        return c;
    }

    private Properties settings(Path dir, LocalKafka kafka, LocalS3 s3, int managementPort) {
        Properties p = SettingsSource.load(dir, Map.of());
        Map<String, String> demo = new HashMap<>(connection(kafka, s3));
        demo.put("archive.work-dir", dir.resolve("work").toString());
        demo.put("archive.rotate.max-records", Integer.toString(Math.max(1, records / PARTITIONS / 2)));
        demo.put("archive.rotate.max-age", "2s");
        demo.put("archive.rotate.check-interval", "500ms");
        demo.put("camel.management.port", Integer.toString(managementPort));
        p.putAll(demo);
        return p;
    }

    /** @return the copy of one object, in {@code dir}, that {@code mak cat} showed */
    private Path report(S3Client client, List<ArchivedObject> objects, Path dir) throws Exception {
        out.println();
        out.println("What landed in s3://" + BUCKET + ":");
        out.printf("  %-48s %-14s %8s %9s%n", "key", "offsets", "records", "bytes");
        List<String> keys = new ArrayList<>();
        for (ArchivedObject o : objects) {
            out.printf("  %-48s %-14s %8d %9d%n", o.key(), o.startOffset() + ".." + o.endOffset(), o.recordCount(), o.size());
            keys.add(o.key());
        }
        String first = keys.get(0);
        Path local = dir.resolve(first.replace('/', '-'));
        Files.deleteIfExists(local);
        client.getObject(b -> b.bucket(BUCKET).key(first), local);
        out.println();
        out.println("mak cat " + first + " (first lines):");
        makCat.text(local).lines().limit(10).forEach(l -> out.println("  " + l));
        out.println("  ...");
        return local;
    }

}
