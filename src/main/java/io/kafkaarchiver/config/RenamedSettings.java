package io.kafkaarchiver.config;

import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Settings given new names: a settings file (or environment) that still says the old name keeps working, with a warning. */
public final class RenamedSettings {

    /** Old name → new name: the key template and the manifest's place apply to every store, not to S3 alone. */
    public static final Map<String, String> NEW_NAMES = Map.of(
            "s3.key-template", "archive.key-template",
            "s3.manifest-prefix", "archive.manifest-prefix");

    private static final Logger LOG = LoggerFactory.getLogger(RenamedSettings.class);
    private static final Properties DEFAULTS = SettingsSource.defaults();

    private RenamedSettings() {
    }

    /**
     * {@code props} with each old name's value under its new name, where the user set the old one only (the new one
     * absent or at its default); one WARN per old name.
     *
     * @throws SettingsException when both names are set, to different values
     */
    static Properties resolve(Properties props) {
        Properties resolved = null;
        for (Map.Entry<String, String> renamed : NEW_NAMES.entrySet()) {
            String oldName = renamed.getKey();
            String newName = renamed.getValue();
            String old = props.getProperty(oldName);
            if (old == null) {
                continue;
            }
            String current = props.getProperty(newName);
            boolean newOneSet = current != null && !current.equals(DEFAULTS.getProperty(newName));
            if (newOneSet && !current.trim().equals(old.trim())) {
                throw new SettingsException(newName, "set it or " + oldName + " (its former name), not both ('" + current + "' and '" + old + "')");
            }
            LOG.warn("{} is now named {} (it applies to every store): read as {} = {}; rename it in the settings", oldName, newName, newName, old);
            if (resolved == null) {
                resolved = new Properties();
                resolved.putAll(props);
            }
            resolved.setProperty(newName, old);
            resolved.remove(oldName);
        }
        return resolved == null ? props : resolved;
    }
}
