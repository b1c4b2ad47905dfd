package io.kafkaarchiver.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the value shapes settings and options share: durations ({@code 500ms, 30s, 5m, 1h}), sizes
 * ({@code 64KB, 256MB, 1GB}) and points in time.
 */
public final class SettingValues {

    /** The forms {@link #instant} reads. */
    public static final String INSTANT_FORMATS = "2026-11-23T10:15:30Z, 2026-11-23T10:15 (UTC), 2026-11-23, or epoch milliseconds";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB)?");

    private SettingValues() {
    }

    static Duration duration(String property, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new SettingsException(property, "'" + value + "' is not a duration (write it like 500ms, 30s, 5m, 1h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * A point in time: an ISO-8601 instant ({@code 2026-11-23T10:15:30Z}), a date and time in UTC
     * ({@code 2026-11-23T10:15}), a date (its midnight, UTC), or epoch milliseconds as Kafka writes them.
     *
     * @throws IllegalArgumentException saying what was given and the forms it takes
     */
    public static Instant instant(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                try {
                    return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    throw new IllegalArgumentException("'" + value + "' is not a time (write it like " + INSTANT_FORMATS + ")");
                }
            }
        }
    }

    public static long size(String property, String value) {
        Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new SettingsException(property, "'" + value + "' is not a size (write it like 64KB, 256MB, 1GB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        return n << shift;
    }
}
