package io.kafkaarchiver.mak;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Records with everything a Kafka record can carry (null and empty keys, values and headers, every timestamp type), for round trips. */
public final class SampleRecords {

    private SampleRecords() {
    }

    public static List<MakRecord> all() {
        Random random = new Random(42);
        byte[] big = new byte[3 * 65536 + 17];
        random.nextBytes(big);
        return List.of(
                new MakRecord(100, 1_700_000_000_000L, MakTimestampType.CREATE_TIME, null, bytes("tombstone-key-null"), List.of()),
                new MakRecord(101, 1_700_000_000_001L, MakTimestampType.CREATE_TIME, new byte[0], new byte[0], List.of()),
                new MakRecord(102, 1_700_000_000_002L, MakTimestampType.LOG_APPEND_TIME, bytes("k"), null, List.of()),
                new MakRecord(103, 1_700_000_000_003L, MakTimestampType.CREATE_TIME, null, null,
                        List.of(new RecordHeader("only", null))),
                new MakRecord(105, 1_699_999_999_000L, MakTimestampType.CREATE_TIME, bytes("k"), bytes("v"),
                        List.of(new RecordHeader("trace", bytes("a")), new RecordHeader("trace", bytes("b")),
                                new RecordHeader("empty", new byte[0]), new RecordHeader("nil", null),
                                new RecordHeader("ünï", bytes("ütf")), new RecordHeader("trace", bytes("c")))),
                new MakRecord(106, MakRecord.NO_TIMESTAMP, MakTimestampType.NO_TIMESTAMP_TYPE, big, big, List.of()),
                // -1 stands for "none" whatever the type says: kept as it came.
                new MakRecord(107, MakRecord.NO_TIMESTAMP, MakTimestampType.CREATE_TIME, bytes(""), bytes("x"), List.of()),
                new MakRecord(108, 0, MakTimestampType.LOG_APPEND_TIME, bytes("epoch"), bytes("x"), List.of()),
                new MakRecord(109, 1_700_000_000_500L, MakTimestampType.CREATE_TIME, bytes("last"), bytes("x"), List.of()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
