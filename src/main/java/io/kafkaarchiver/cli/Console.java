package io.kafkaarchiver.cli;

import java.io.PrintStream;

/** Where a command writes: its output (which may be raw record bytes) and its diagnostics. */
public record Console(PrintStream out, PrintStream err) {

    public static final int EXIT_OK = 0;
    /** Something the command checked or read is wrong (a damaged file, say). */
    public static final int EXIT_FAILURE = 1;
    /** The command line or the settings are wrong. */
    public static final int EXIT_USAGE = 2;
}
