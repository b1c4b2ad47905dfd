package io.kafkaarchiver.store.azure;

import io.kafkaarchiver.config.SettingValues;
import io.kafkaarchiver.config.SettingsException;
import java.net.URI;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code azure.*} settings, read and checked once: the storage account and container the archive lives in,
 * and whose credentials reach them (a connection string, else the DefaultAzureCredential chain).
 *
 * @param endpoint  the blob service's address; null for the public cloud's {@code https://<account>.blob.core.windows.net}
 * @param blockSize the size of the blocks a large object is staged in, and the largest object put in one request
 */
public record AzureSettings(String account, String container, String connectionString, URI endpoint, long blockSize) {

    static final Set<String> KEYS = Set.of("azure.account", "azure.container", "azure.connection-string", "azure.endpoint",
            "azure.block-size");

    /** Azure takes no block larger than 4000 MiB. */
    static final long MAX_BLOCK_SIZE = 4000L << 20;

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    /** Reads and checks the {@code azure.*} settings among {@code props}; unknown {@code azure.*} keys are refused. */
    public static AzureSettings from(Properties props) {
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("azure.") && !KEYS.contains(key)) {
                throw new SettingsException(key, "unknown setting (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        String connectionString = value(props, "azure.connection-string");
        String account = value(props, "azure.account");
        if (connectionString.isEmpty() && !ACCOUNT.matcher(account).matches()) {
            throw new SettingsException("azure.account", account.isEmpty()
                    ? "must not be empty (or set azure.connection-string)"
                    : "'" + account + "' is not a storage account name (3 to 24 lower case letters and digits)");
        }
        String container = value(props, "azure.container");
        if (!CONTAINER.matcher(container).matches()) {
            throw new SettingsException("azure.container", "'" + container + "' is not a container name"
                    + " (3 to 63 lower case letters, digits and single hyphens, starting and ending with a letter or digit)");
        }
        long blockSize = SettingValues.size("azure.block-size", value(props, "azure.block-size"));
        if (blockSize <= 0 || blockSize > MAX_BLOCK_SIZE) {
            throw new SettingsException("azure.block-size", blockSize + " bytes is not between 1 byte and Azure's largest block, 4000MB");
        }
        return new AzureSettings(account, container, connectionString, endpoint(value(props, "azure.endpoint")), blockSize);
    }

    /** The setting whose credentials the store is reached with, for messages about refused credentials. */
    public String credentialsSetting() {
        return connectionString.isEmpty() ? "azure.account" : "azure.connection-string";
    }

    /** The credentials the store is reached with, in words (never the secret itself). */
    public String credentials() {
        return connectionString.isEmpty()
                ? "the DefaultAzureCredential chain's identity (environment, workload identity, managed identity; azure.connection-string is empty)"
                : "the key or SAS of azure.connection-string";
    }

    /** The blob service's address when no connection string gives it. */
    public URI serviceEndpoint() {
        return endpoint != null ? endpoint : URI.create("https://" + account + ".blob.core.windows.net");
    }

    private static String value(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new SettingsException(key, "missing");
        }
        return value.trim();
    }

    private static URI endpoint(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new SettingsException("azure.endpoint", "'" + value
                    + "' is not a URL like http://127.0.0.1:10000/devstoreaccount1 (leave it empty for https://<account>.blob.core.windows.net)");
        }
    }

    @Override
    public String toString() {
        return "AzureSettings[account=" + account + ", container=" + container + ", connection-string="
                + (connectionString.isEmpty() ? "(none)" : "(set)") + ", endpoint="
                + (connectionString.isEmpty() ? serviceEndpoint() : "(the connection string's)") + ", block-size=" + blockSize + "]";
    }
}
