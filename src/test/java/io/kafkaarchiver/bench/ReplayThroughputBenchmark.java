package io.kafkaarchiver.bench;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.store.s3.S3Address;
import io.kafkaarchiver.store.s3.ConditionalWrites;
import io.kafkaarchiver.store.s3.S3Store;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.mak.RecordHeader;
import io.kafkaarchiver.replay.ReplayComponent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Replay throughput: records a second from the local S3 server into {@code mock:}, through the kafka-archive:
 * component as a route uses it. The archive (gzip objects of 50,000 records of ~200 bytes, 4 partitions, with
 * manifest entries) is written straight to the bucket, not through Kafka. Not a test: it prints figures. Run it
 * with {@code bench/replay-throughput.sh [records]}.
 */
public final class ReplayThroughputBenchmark {

    private static final int PARTITIONS = 4;
    private static final int OBJECT_RECORDS = 50_000;
    private static final String TOPIC = "bench-replay";
    private static final String BUCKET = "bench-replay";
    /** Counts, keeping one exchange, uncopied: the figure is the replay's, not the mock's. */
    private static final String SINK = "mock:sink?retainFirst=1&copyOnExchange=false";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("replay-bench");
        try (LocalS3 s3 = LocalS3.start(dir.resolve("s3"))) {
            Properties settings = SettingsSource.load(dir, Map.of());
            s3.settings(BUCKET).forEach(settings::setProperty);
            try (S3Client client = s3.newClient()) {
                client.createBucket(b -> b.bucket(BUCKET));
                archive(client, new S3Address(BUCKET, s3.endpoint().toString(), LocalS3.REGION, true), dir, records);
            }
            for (int run = 1; run <= 2; run++) {
                replay(settings, records, run);
            }
        }
        System.out.println("rerun: bench/replay-throughput.sh " + records);
    }

    /** Writes the archive: each partition's share of the records in objects of OBJECT_RECORDS, each with its manifest entry. */
    private static void archive(S3Client client, S3Address bucket, Path dir, int records) throws Exception {
        Manifest manifest = new Manifest(new S3Store(client, bucket, "", "", 16L << 20, ConditionalWrites.S3), "_manifest", Clock.systemUTC());
        long t0 = System.currentTimeMillis() - 3_600_000;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int share = records / PARTITIONS + (partition < records % PARTITIONS ? 1 : 0);
            for (long start = 0; start < share; start += OBJECT_RECORDS) {
                long end = Math.min(share, start + OBJECT_RECORDS) - 1;
                Path mak = dir.resolve("object.mak");
                try (MakWriter writer = MakWriter.create(mak, MakVersion.V2, new MakFileHeader(TOPIC, partition, start, Instant.now()))) {
                    for (long offset = start; offset <= end; offset++) {
                        String value = "{\"order\":" + offset + ",\"partition\":" + partition + ",\"customer\":\"c-" + offset % 977
                                + "\",\"items\":[{\"sku\":\"s-" + offset % 131 + "\",\"qty\":" + offset % 7 + "}],\"note\":\""
                                + "x".repeat(100) + "\"}";
                        writer.append(new MakRecord(offset, t0 + offset, MakTimestampType.CREATE_TIME,
                                ("k-" + offset).getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                                List.of(new RecordHeader("trace", ("t-" + offset).getBytes(StandardCharsets.UTF_8)))));
                    }
                }
                Path gz = dir.resolve("object.mak.gz");
                try (OutputStream out = Compression.GZIP.compress(Files.newOutputStream(gz))) {
                    Files.copy(mak, out);
                }
                Files.delete(mak);
                String key = TOPIC + "/" + partition + "/" + String.format("%020d", start) + ".mak.gz";
                client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(gz));
                manifest.record(new ArchivedObject(key, TOPIC, partition, start, end, end - start + 1, t0 + start, t0 + end, "mak2", "gzip",
                        Files.size(gz), Optional.empty(), Optional.empty()));
            }
        }
    }

    private static void replay(Properties settings, int records, int run) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("kafka-archive", ReplayComponent.from(settings));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("kafka-archive:" + TOPIC + "?stopWhenDone=true").routeId("replay").to(SINK);
                }
            });
            long start = System.nanoTime();
            camel.start();
            long started = System.nanoTime();
            Deadline.await("the replay of " + records + " records", Duration.ofMinutes(10),
                    () -> camel.getRouteController().getRouteStatus("replay") == ServiceStatus.Stopped);
            double seconds = (System.nanoTime() - started) / 1e9;
            long received = camel.getEndpoint(SINK, MockEndpoint.class).getReceivedCounter();
            if (received != records) {
                throw new IllegalStateException("replayed " + received + " records of " + records);
            }
            System.out.printf("run %d: %,d records in %.2f s after a start (catalog read, plan) of %.2f s: %,.0f records/s%n",
                    run, received, seconds, (started - start) / 1e9, received / seconds);
        }
    }
}
