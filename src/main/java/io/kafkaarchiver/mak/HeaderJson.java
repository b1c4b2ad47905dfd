package io.kafkaarchiver.mak;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The header JSON of a MAK file. Written exactly as kafkatos3's {@code json.dumps} writes it (same
 * key order, separators and ASCII escaping), so our v1 files match the reference writer byte for byte.
 */
final class HeaderJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private HeaderJson() {
    }

    static byte[] encode(MakFileHeader header) {
        String json = "{\"topic\": " + pythonString(header.topic())
                + ", \"partition\": " + header.partition()
                + ", \"startoffset\": " + header.startOffset()
                + ", \"starttime\": " + epochSeconds(header.startTime()) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static MakFileHeader decode(byte[] json, String source, long position) throws MakFormatException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MakFormatException(source, position, "header JSON", "unparseable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (node == null || !node.isObject()) {
            throw new MakFormatException(source, position, "a header JSON object", String.valueOf(node));
        }
        try {
            String topic = field(node, "topic", source, position).textValue();
            if (topic == null) {
                throw new MakFormatException(source, position, "header field 'topic' as a string", node.get("topic").toString());
            }
            int partition = field(node, "partition", source, position).bigIntegerValue().intValueExact();
            long startOffset = field(node, "startoffset", source, position).bigIntegerValue().longValueExact();
            Instant startTime = instant(field(node, "starttime", source, position).decimalValue());
            return new MakFileHeader(topic, partition, startOffset, startTime);
        } catch (ArithmeticException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new MakFormatException(source, position, "header fields in range", node + " (" + e.getMessage() + ")");
        }
    }

    /** Epoch seconds as Python prints a float: at least one decimal, no exponent. */
    static String epochSeconds(Instant time) {
        if (time.getNano() == 0) {
            return time.getEpochSecond() + ".0";
        }
        return BigDecimal.valueOf(time.getEpochSecond())
                .add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static Instant instant(BigDecimal seconds) {
        BigInteger whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
        long nanos = seconds.subtract(new BigDecimal(whole)).multiply(NANOS_PER_SECOND).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static JsonNode field(JsonNode node, String name, String source, long position) throws MakFormatException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new MakFormatException(source, position, "header field '" + name + "'", "a header without it: " + node);
        }
        if (!name.equals("topic") && !value.isNumber()) {
            throw new MakFormatException(source, position, "header field '" + name + "' as a number", value.toString());
        }
        return value;
    }

    /** A JSON string as Python's json.dumps writes it with ensure_ascii: non-ASCII as lowercase \\uXXXX. */
    private static String pythonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
