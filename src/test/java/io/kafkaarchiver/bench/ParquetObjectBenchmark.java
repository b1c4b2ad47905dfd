package io.kafkaarchiver.bench;

import com.sun.management.OperatingSystemMXBean;
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
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The same MAK work file made into each kind of object the archiver puts, for two samples: small records (JSON values
 * of about 100 bytes) and realistic ones (JSON values of about 1 KB, a key and a header). For each: {@code gzip -6}
 * alone on the MAK bytes (the external tool, wall and CPU seconds), the MAK object compressed whole (gzip -6 as
 * {@code archive.compression=gzip}; zstd -3), and the MAK-to-Parquet conversion ({@code archive.format=parquet} and
 * {@code convert}; zstd pages by default, gzip and snappy too), wall and CPU seconds of this JVM, the size against
 * the gzip MAK object, and the time to read the records back. Rough figures, one run, not a test: it prints, it
 * asserts nothing. Run it with {@code bench/parquet-objects.sh [small-records] [large-records]} (1,000,000 and 200,000).
 */
public final class ParquetObjectBenchmark {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Writes a sample's MAK work file; returns the bytes of key and value. */
    @FunctionalInterface
    private interface Sample {
        long write(Path file, int records) throws IOException;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        System.out.printf("bench/parquet-objects.sh %d %d; %d cores, max heap %d MB%n", small, large, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        measure("small records (JSON values of about 100 bytes, keys, one header)", small, ParquetObjectBenchmark::writeMak);
        measure("realistic records (JSON values of about 1 KB, keys, one header)", large, ParquetObjectBenchmark::writeLargeMak);
    }

    private static void measure(String sample, int records, Sample writer) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("parquet-bench");
        try {
            Path mak = dir.resolve("work.mak");
            long payload = writer.write(mak, records);
            System.out.printf("%n%,d %s, %,d bytes of key and value; the MAK v2 work file is %,d bytes%n", records, sample, payload, Files.size(mak));
            System.out.printf("%-34s %14s %8s %8s %8s %8s%n", "object", "bytes", "x gzip", "wall s", "cpu s", "read s");
            double[] external = externalGzip(mak);
            System.out.printf("%-34s %14s %8s %8.2f %8.2f %8s%n", "gzip -6 -c (external, MAK bytes)", "-", "-", external[0], external[1], "-");
            long gzip = 0;
            for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
                Path object = dir.resolve("object.mak" + c.suffix());
                long start = System.nanoTime();
                long cpu = OS.getProcessCpuTime();
                try (InputStream in = Files.newInputStream(mak); OutputStream out = c.compress(Files.newOutputStream(object))) {
                    in.transferTo(out);
                }
                double make = seconds(start);
                double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
                long size = Files.size(object);
                gzip = c == Compression.GZIP ? size : gzip;
                print("MAK " + c.settingName(), size, gzip, make, cpuSeconds, read(object, records));
                Files.delete(object);
            }
            double[] zstdPages = null;
            long zstdSize = 0;
            for (ParquetOptions.Codec codec : List.of(ParquetOptions.Codec.ZSTD, ParquetOptions.Codec.GZIP, ParquetOptions.Codec.SNAPPY)) {
                Path object = dir.resolve("object.parquet");
                long start = System.nanoTime();
                long cpu = OS.getProcessCpuTime();
                ParquetObjects.convert(mak, object, new ParquetOptions(codec, ParquetOptions.DEFAULT_ROW_GROUP_SIZE), Optional.empty());
                double make = seconds(start);
                double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
                if (codec == ParquetOptions.Codec.ZSTD) {
                    zstdPages = new double[] {make, cpuSeconds};
                    zstdSize = Files.size(object);
                }
                print("MAK -> Parquet, " + codec.settingName() + " pages", Files.size(object), gzip, make, cpuSeconds, read(object, records));
                Files.delete(object);
            }
            System.out.printf("targets: conversion (zstd pages) %.2f s wall, %.2f s CPU against gzip -6's %.2f s, %.2f s (at least as fast: %s); "
                            + "size %.2f x the gzip MAK object (at most 1.10: %s)%n", zstdPages[0], zstdPages[1], external[0], external[1],
                    zstdPages[0] <= external[0] ? "met" : "not met", (double) zstdSize / gzip, zstdSize <= 1.1 * gzip ? "met" : "not met");
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** {@code gzip -6 -c file > /dev/null}, timed by bash: wall and CPU (user + system) seconds. */
    private static double[] externalGzip(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "TIMEFORMAT='%R %U %S'; time gzip -6 -c \"$0\" > /dev/null", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gzip -6 failed: " + out);
        }
        String[] t = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        return new double[] {Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2])};
    }

    /** Order-like JSON of about 1 KB: ids and amounts random, names, addresses and items from small vocabularies. */
    private static long writeLargeMak(Path file, int records) throws IOException {
        Random random = new Random(2);
        String[] words = new String[2_000];
        for (int i = 0; i < words.length; i++) {
            words[i] = Integer.toString(random.nextInt(1 << 30), 36);
        }
        String[] statuses = {"created", "paid", "shipped", "delivered", "cancelled"};
        String[] cities = {"Berlin", "Lisbon", "Oslo", "Madrid", "Paris", "Vienna", "Prague", "Dublin", "Zurich", "Warsaw"};
        return writeMak(file, records, random, 2_000_000, (i, time) -> {
            StringBuilder v = new StringBuilder(1200);
            v.append("{\"id\":").append(i).append(",\"orderId\":\"").append(new UUID(random.nextLong(), random.nextLong()))
                    .append("\",\"status\":\"").append(statuses[random.nextInt(statuses.length)])
                    .append("\",\"customer\":{\"id\":").append(random.nextInt(500_000)).append(",\"name\":\"")
                    .append(words[random.nextInt(words.length)]).append(' ').append(words[random.nextInt(words.length)])
                    .append("\",\"email\":\"").append(words[random.nextInt(words.length)]).append("@example.com\",\"address\":{\"street\":\"")
                    .append(random.nextInt(300)).append(' ').append(words[random.nextInt(words.length)]).append(" Street\",\"city\":\"")
                    .append(cities[random.nextInt(cities.length)]).append("\",\"zip\":\"").append(10_000 + random.nextInt(90_000))
                    .append("\"}},\"createdAt\":\"").append(Instant.ofEpochMilli(time)).append("\",\"items\":[");
            int items = 2 + random.nextInt(4);
            for (int k = 0; k < items; k++) {
                v.append(k == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(random.nextInt(50_000)).append("\",\"name\":\"")
                        .append(words[random.nextInt(words.length)]).append(' ').append(words[random.nextInt(words.length)])
                        .append("\",\"quantity\":").append(1 + random.nextInt(5)).append(",\"price\":")
                        .append(random.nextInt(100_000) / 100.0).append(",\"currency\":\"EUR\"}");
            }
            v.append("],\"total\":").append(random.nextInt(1_000_000) / 100.0).append(",\"notes\":\"");
            while (v.length() < 1000) {
                v.append(words[random.nextInt(words.length)]).append(' ');
            }
            v.append("\"}");
            return v.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    private static long writeMak(Path file, int records) throws IOException {
        Random random = new Random(1);
        String[] customers = new String[500];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = "customer-" + Integer.toString(random.nextInt(1 << 30), 36);
        }
        String[] statuses = {"created", "paid", "shipped", "delivered", "cancelled"};
        return writeMak(file, records, random, 200_000, (i, time) ->
                ("{\"id\":" + i + ",\"customer\":\"" + customers[random.nextInt(customers.length)] + "\",\"status\":\""
                        + statuses[random.nextInt(statuses.length)] + "\",\"amount\":" + random.nextInt(100_000) / 100.0 + ",\"items\":"
                        + (1 + random.nextInt(9)) + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** A record's value, made from the sample's random stream after its time and key. */
    @FunctionalInterface
    private interface Values {
        byte[] value(int index, long time);
    }

    /** {@code records} records with keys among {@code keys} orders, values of {@code values} and a trace header, committed every 1,024. */
    private static long writeMak(Path file, int records, Random random, int keys, Values values) throws IOException {
        long payload = 0;
        long time = 1_700_000_000_000L;
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, new MakFileHeader("orders", 0, 0, Instant.ofEpochMilli(time)))) {
            for (int i = 0; i < records; i++) {
                time += random.nextInt(5);
                byte[] key = ("order-" + random.nextInt(keys)).getBytes(StandardCharsets.UTF_8);
                byte[] value = values.value(i, time);
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

    private static void print(String what, long size, long gzip, double make, double cpu, double read) {
        System.out.printf("%-34s %,14d %8.2f %8.2f %8.2f %8.2f%n", what, size, (double) size / gzip, make, cpu, read);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
