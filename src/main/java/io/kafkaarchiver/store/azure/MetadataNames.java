package io.kafkaarchiver.store.azure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The archive's metadata names as Azure keeps them: Azure takes only C# identifiers as metadata names, so the
 * archive's {@code mak-topic} is stored as {@code mak_topic}, and read back as {@code mak-topic}. The archive's
 * names are lower case letters, digits and hyphens, starting with a letter; as none holds an underscore, the
 * mapping (each {@code -} to {@code _}) goes both ways.
 */
final class MetadataNames {

    private static final Pattern ARCHIVE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private MetadataNames() {
    }

    /** The archive's metadata as Azure takes it. @throws IllegalArgumentException for a name the mapping cannot carry */
    static Map<String, String> toAzure(Map<String, String> metadata) {
        Map<String, String> azure = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            if (!ARCHIVE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("metadata name '" + name
                        + "' cannot be kept in Azure: names are lower case letters, digits and hyphens, starting with a letter");
            }
            azure.put(name.replace('-', '_'), value);
        });
        return azure;
    }

    /** The metadata Azure holds, under the archive's names (Azure's names compare without case: lower case here). */
    static Map<String, String> fromAzure(Map<String, String> metadata) {
        Map<String, String> archive = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((name, value) -> archive.put(name.toLowerCase(Locale.ROOT).replace('_', '-'), value));
        }
        return archive;
    }
}
