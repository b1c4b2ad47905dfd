package io.kafkaarchiver.cli;

import java.util.Locale;

/** Sizes as people read them: 512 B, 12.3 KB, 4.0 MB, 1.2 GB (powers of 1024, as the settings count them). */
final class ByteCount {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ByteCount() {
    }

    static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
