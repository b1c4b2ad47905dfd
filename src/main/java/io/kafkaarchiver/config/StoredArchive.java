package io.kafkaarchiver.config;

import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.store.ArchiveStore;
import java.time.Clock;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the archive is and how it is laid out, whatever the store: the store ({@link StoreSettings}), the key
 * template and where the manifest lives. All that the commands reading the archive need.
 */
public record StoredArchive(StoreSettings store, String keyTemplate, String manifestPrefix) {

    public static final String KEY_TEMPLATE = "archive.key-template";
    public static final String MANIFEST_PREFIX = "archive.manifest-prefix";
    private static final Logger LOG = LoggerFactory.getLogger(StoredArchive.class);

    /** Reads and checks these settings alone (of {@code props}, the rest passed over), for the commands that only read the archive. */
    public static StoredArchive from(Properties given) {
        Properties props = RenamedSettings.resolve(given);
        Properties own = new Properties();
        props.stringPropertyNames().stream().filter(k -> k.startsWith("s3.") || k.startsWith("azure.")
                        || k.equals(FileSettings.ROOT) || k.equals(StoreSettings.SETTING) || k.equals(KEY_TEMPLATE) || k.equals(MANIFEST_PREFIX))
                .forEach(k -> own.setProperty(k, props.getProperty(k)));
        SettingReader r = new SettingReader(own);
        r.rejectUnknown();
        return read(r);
    }

    static StoredArchive read(SettingReader r) {
        StoredArchive archive = new StoredArchive(StoreSettings.read(r), r.required(KEY_TEMPLATE), r.required(MANIFEST_PREFIX));
        StoreSettings.unusedElsewhere(r).forEach(LOG::warn);
        if (archive.manifestPrefix().startsWith("/")) {
            throw new SettingsException(MANIFEST_PREFIX, "'" + archive.manifestPrefix() + "' must not start with '/'");
        }
        return archive;
    }

    /** Opens the store: the caller closes it. */
    public ArchiveStore open() {
        return Stores.open(store);
    }

    /** The archive's manifest in {@code store}. */
    public Manifest manifest(ArchiveStore opened) {
        return new Manifest(opened, manifestPrefix, Clock.systemUTC());
    }
}
