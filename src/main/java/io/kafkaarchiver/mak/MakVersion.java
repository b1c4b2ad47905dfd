package io.kafkaarchiver.mak;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The two MAK format versions, named as users write them in settings and on the command line. */
public enum MakVersion {
    /** kafkatos3's format: offset, key and value only. */
    V1("mak1"),
    /** The lossless format: adds timestamps, headers, null keys and values, and checksums. */
    V2("mak2");

    private final String cliName;

    MakVersion(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static MakVersion fromCliName(String name) {
        for (MakVersion v : values()) {
            if (v.cliName.equalsIgnoreCase(name.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown MAK format '" + name + "' (accepted: " + acceptedNames() + ")");
    }

    public static String acceptedNames() {
        return Arrays.stream(values()).map(MakVersion::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
