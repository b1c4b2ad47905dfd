package io.kafkaarchiver.bench;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.mak.RecordHeader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * MAK v1 and v2 write and read throughput on 1 KB records, and the heap it took. Not a test: it
 * prints figures. Run it with {@code bench/mak-throughput.sh [records]}.
 */
public final class MakThroughputBenchmark {

    private static final int VALUE_SIZE = 1024;

    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("mak-bench");
        byte[][] values = new byte[64][VALUE_SIZE];
        Random random = new Random(1);
        for (byte[] v : values) {
            random.nextBytes(v);
        }
        System.out.printf("MAK throughput: %,d records of %d bytes (value) + 8-byte key, max heap %d MB%n",
                records, VALUE_SIZE, Runtime.getRuntime().maxMemory() >> 20);
        try {
            for (MakVersion version : MakVersion.values()) {
                Path file = dir.resolve("bench-" + version.cliName() + ".mak");
                long payload = (long) records * (VALUE_SIZE + 8);
                long start = System.nanoTime();
                try (MakWriter writer = MakWriter.create(file, version, new MakFileHeader("bench", 0, 0, Instant.now()))) {
                    for (int i = 0; i < records; i++) {
                        writer.append(new MakRecord(i, 1_700_000_000_000L + i, MakTimestampType.CREATE_TIME,
                                key(i), values[i & 63], List.of(new RecordHeader("h", key(i)))));
                        if ((i & 1023) == 1023) {
                            writer.commit();
                        }
                    }
                }
                double writeSeconds = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                long read = 0;
                try (MakReader reader = MakReader.open(file)) {
                    for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                        read += r.payloadSize();
                    }
                }
                double readSeconds = (System.nanoTime() - start) / 1e9;
                if (read != payload) {
                    throw new IllegalStateException("read " + read + " payload bytes, wrote " + payload);
                }
                System.out.printf("%s  file %,d MB  write %7.1f MB/s (%,.0f records/s)  read %7.1f MB/s (%,.0f records/s)%n",
                        version, Files.size(file) >> 20, payload / 1e6 / writeSeconds, records / writeSeconds,
                        payload / 1e6 / readSeconds, records / readSeconds);
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        System.out.printf("peak heap used (sum of pool peaks): %d MB%n", peakHeap >> 20);
        System.out.println("rerun: bench/mak-throughput.sh " + records);
    }

    private static byte[] key(int i) {
        return new byte[] {(byte) (i >>> 56), 0, 0, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }
}
