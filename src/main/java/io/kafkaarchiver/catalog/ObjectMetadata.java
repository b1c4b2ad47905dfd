package io.kafkaarchiver.catalog;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The user metadata every archive object carries, so listing tools need not download it. */
public final class ObjectMetadata {

    public static final String TOPIC = "mak-topic";
    public static final String PARTITION = "mak-partition";
    public static final String START_OFFSET = "mak-start-offset";
    public static final String END_OFFSET = "mak-end-offset";
    public static final String RECORD_COUNT = "mak-record-count";
    public static final String MIN_TIMESTAMP = "mak-min-timestamp";
    public static final String MAX_TIMESTAMP = "mak-max-timestamp";
    public static final String FORMAT = "mak-format";
    public static final String COMPRESSION = "mak-compression";
    /** The topic's id in the life the records are of; absent for records archived before the archiver knew ids. */
    public static final String TOPIC_ID = "mak-topic-id";
    /**
     * SHA-256 of the object's bytes as put, hex: tells the same object from another of the same offsets when two
     * writers race on a key; absent on objects put before it was kept.
     */
    public static final String SHA256 = "mak-sha256";

    private ObjectMetadata() {
    }

    /**
     * @param format      what the object is: a MAK version's name ({@code v1}, {@code v2}) or {@code parquet}
     * @param compression the object's compression setting name; a Parquet object's, the compression of its pages
     * @param topicId     the topic's id in the life the records are of; empty when unknown
     * @param sha256      the SHA-256 of the object's bytes as put, hex; empty to leave it out
     */
    public static Map<String, String> of(MakFileHeader header, MakSummary summary, String format, String compression, Optional<String> topicId,
                                         Optional<String> sha256) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TOPIC, header.topic());
        m.put(PARTITION, Integer.toString(header.partition()));
        m.put(START_OFFSET, Long.toString(summary.firstOffset()));
        m.put(END_OFFSET, Long.toString(summary.lastOffset()));
        m.put(RECORD_COUNT, Long.toString(summary.recordCount()));
        m.put(MIN_TIMESTAMP, Long.toString(summary.minTimestamp()));
        m.put(MAX_TIMESTAMP, Long.toString(summary.maxTimestamp()));
        m.put(FORMAT, format);
        m.put(COMPRESSION, compression);
        topicId.ifPresent(id -> m.put(TOPIC_ID, id));
        sha256.ifPresent(sum -> m.put(SHA256, sum));
        return m;
    }

    /** The SHA-256 of a file's bytes, hex, as {@link #SHA256} keeps it. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
