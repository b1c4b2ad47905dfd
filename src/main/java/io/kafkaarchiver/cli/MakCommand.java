package io.kafkaarchiver.cli;

import picocli.CommandLine.Command;

/** {@code mak}: work on MAK files directly, without Kafka or S3. */
@Command(name = "mak", mixinStandardHelpOptions = true,
        description = "Read, check and convert MAK files (.mak, .mak.gz, .mak.zst; v1 and v2).",
        subcommands = {MakCatCommand.class, MakVerifyCommand.class, MakConvertCommand.class})
public final class MakCommand {
}
