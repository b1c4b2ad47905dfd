package io.kafkaarchiver.bench;

import io.kafkaarchiver.archive.ParquetObjects;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.mak.RecordHeader;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import io.kafkaarchiver.parquet.ParquetOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One work file of small records made into each kind of object the archiver puts: the MAK file compressed whole
 * (gzip -6, as {@code archive.compression=gzip}; zstd -3) and Parquet objects (zstd, gzip, snappy pages), with the
 * time each took and its size, and the time to read the records back. A rough figure, one run, not a test. Run it
 * with {@code bench/parquet-objects.sh [records]} (1,000,000 by default: the default {@code archive.rotate.max-records}).
 */
public final class ParquetObjectBenchmark {

    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("parquet-bench");
        try {
            Path mak = dir.resolve("work.mak");
            long payload = writeMak(mak, records);
            long makSize = Files.size(mak);
            System.out.printf("%,d small records (JSON values of about 100 bytes, keys, one header), %,d bytes of key and value; "
                    + "the MAK v2 work file is %,d bytes; max heap %d MB%n", records, payload, makSize, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("%-28s %14s %8s %10s %10s%n", "object", "bytes", "x gzip", "make s", "read s");
            long gzip = 0;
            for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
                Path object = dir.resolve("object.mak" + c.suffix());
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(mak); OutputStream out = c.compress(Files.newOutputStream(object))) {
                    in.transferTo(out);
                }
                double make = seconds(start);
                long size = Files.size(object);
                gzip = c == Compression.GZIP ? size : gzip;
                print("MAK " + c.settingName(), size, gzip, make, read(object, records));
                Files.delete(object);
            }
            for (ParquetOptions.Codec codec : List.of(ParquetOptions.Codec.ZSTD, ParquetOptions.Codec.GZIP, ParquetOptions.Codec.SNAPPY)) {
                Path object = dir.resolve("object.parquet");
                long start = System.nanoTime();
                ParquetObjects.convert(mak, object, new ParquetOptions(codec, ParquetOptions.DEFAULT_ROW_GROUP_SIZE), Optional.empty());
                double make = seconds(start);
                print("Parquet " + codec.settingName() + " pages", Files.size(object), gzip, make, read(object, records));
                Files.delete(object);
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static long writeMak(Path file, int records) throws IOException {
        Random random = new Random(1);
        String[] customers = new String[500];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = "customer-" + Integer.toString(random.nextInt(1 << 30), 36);
        }
        String[] statuses = {"created", "paid", "shipped", "delivered", "cancelled"};
        long payload = 0;
        long time = 1_700_000_000_000L;
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, new MakFileHeader("orders", 0, 0, Instant.ofEpochMilli(time)))) {
            for (int i = 0; i < records; i++) {
                time += random.nextInt(5);
                byte[] key = ("order-" + random.nextInt(200_000)).getBytes(StandardCharsets.UTF_8);
                byte[] value = ("{\"id\":" + i + ",\"customer\":\"" + customers[random.nextInt(customers.length)] + "\",\"status\":\""
                        + statuses[random.nextInt(statuses.length)] + "\",\"amount\":" + random.nextInt(100_000) / 100.0 + ",\"items\":"
                        + (1 + random.nextInt(9)) + "}").getBytes(StandardCharsets.UTF_8);
                byte[] trace = Long.toHexString(random.nextLong()).getBytes(StandardCharsets.UTF_8);
                writer.append(new MakRecord(i, time, MakTimestampType.CREATE_TIME, key, value, List.of(new RecordHeader("trace-id", trace))));
                payload += key.length + value.length;
                if ((i & 1023) == 1023) {
                    writer.commit();
                }
            }
            writer.commit();
        }
        return payload;
    }

    private static double read(Path object, int records) throws IOException {
        long start = System.nanoTime();
        MakSummary summary;
        try (RecordSource reader = ArchiveObjects.open(object)) {
            summary = reader.scan();
        }
        if (summary.recordCount() != records) {
            throw new IllegalStateException(object + " read back " + summary.recordCount() + " records of " + records);
        }
        return seconds(start);
    }

    private static void print(String what, long size, long gzip, double make, double read) {
        System.out.printf("%-28s %,14d %8.2f %10.2f %10.2f%n", what, size, (double) size / gzip, make, read);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
