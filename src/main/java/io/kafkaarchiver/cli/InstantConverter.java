package io.kafkaarchiver.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads a point in time from the command line ({@code --from}, {@code --to}): an ISO-8601 instant
 * ({@code 2026-11-23T10:15:30Z}), a date and time in UTC ({@code 2026-11-23T10:15}), a date (its
 * midnight, UTC), or epoch milliseconds as Kafka timestamps are written.
 */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

    static final String FORMATS = "2026-11-23T10:15:30Z, 2026-11-23T10:15 (UTC), 2026-11-23, or epoch milliseconds";

    @Override
    public Instant convert(String value) {
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
                    throw new CommandLine.TypeConversionException("'" + value + "' is not a time (write it like " + FORMATS + ")");
                }
            }
        }
    }
}
