package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.SettingValues;
import java.time.Instant;
import picocli.CommandLine;

/** Reads a point in time from the command line ({@code --from}, {@code --to}), in the forms of {@link SettingValues#instant}. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

    static final String FORMATS = SettingValues.INSTANT_FORMATS;

    @Override
    public Instant convert(String value) {
        try {
            return SettingValues.instant(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
