package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.MakVersion;
import picocli.CommandLine;

/** Reads {@code mak1}/{@code mak2} on the command line; picocli reports the message of a bad value. */
final class MakVersionConverter implements CommandLine.ITypeConverter<MakVersion> {
    @Override
    public MakVersion convert(String value) {
        try {
            return MakVersion.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
