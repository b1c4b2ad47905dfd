package io.kafkaarchiver.config;

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
}
