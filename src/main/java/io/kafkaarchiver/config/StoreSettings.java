package io.kafkaarchiver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Which store the archive is in, as {@value #SETTING} chooses it, with that store's own settings, checked. A
 * store is added here (a record, a case in {@link #read}) and in {@link Stores#open}: nothing else names stores.
 */
public sealed interface StoreSettings permits S3Settings, AzureSettings, FileSettings {

    String SETTING = "archive.store";

    /** The archive's place in a word or two, as the commands' output names it: {@code bucket b}, {@code container c}, {@code directory /x}. */
    String name();

    /** Where the archive is, as messages name it: what the store opened from these settings says of itself ({@code ArchiveStore.describe()}). */
    String describe();

    /** Reads {@value #SETTING} and the chosen store's settings from {@code props}, as they are. */
    static StoreSettings from(Properties props) {
        return read(new SettingReader(props));
    }

    /** Reads {@value #SETTING} and the chosen store's settings; the others' are not read. */
    static StoreSettings read(SettingReader r) {
        String chosen = r.get(SETTING).trim();
        return switch (chosen) {
            case "s3" -> S3Settings.read(r);
            case "gcs" -> S3Settings.readGcs(r);
            case "azure" -> AzureSettings.read(r);
            case "file" -> FileSettings.read(r);
            default -> throw new SettingsException(SETTING, "'" + chosen + "' is not one of: s3, gcs, azure, file");
        };
    }

    /**
     * What is wrong with the settings of the stores not chosen: one that names a place of its own ({@code file.root},
     * {@code azure.account}, a connection string) is most likely the store meant, with {@value #SETTING} left as it was.
     */
    static List<String> unusedElsewhere(SettingReader r) {
        String chosen = r.get(SETTING).trim();
        List<String> unused = new ArrayList<>();
        String root = r.props().getProperty(FileSettings.ROOT, "").trim();
        if (!chosen.equals("file") && !root.isEmpty()) {
            unused.add(FileSettings.ROOT + " is set (" + root + "), but " + SETTING + " is " + chosen
                    + ": it is not used. To archive to that directory, set " + SETTING + " = file");
        }
        for (String key : List.of("azure.account", "azure.connection-string")) {
            if (!chosen.equals("azure") && !r.props().getProperty(key, "").isBlank()) {
                // Never the value: a connection string holds a secret.
                unused.add(key + " is set, but " + SETTING + " is " + chosen + ": it is not used. To archive to Azure Blob Storage, set "
                        + SETTING + " = azure");
            }
        }
        return unused;
    }
}
