package io.kafkaarchiver.config;

import io.kafkaarchiver.store.azure.AzureContainer;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Azure Blob Storage store ({@code archive.store = azure}): the {@code azure.*} settings, read and checked once.
 * Only this store's case reads them, so that with another store no Azure class is loaded; and where the Azure SDK is
 * not there (the Karaf bundle), choosing it is one line.
 */
public record AzureSettings(AzureContainer container) implements StoreSettings {

    static final Set<String> KEYS = Set.of("azure.account", "azure.container", "azure.connection-string", "azure.endpoint",
            "azure.block-size");

    /** A class of azure-storage-blob, looked for (not loaded) before the store is chosen. */
    static final String SDK_CLASS = "com.azure.storage.blob.BlobServiceClientBuilder";

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    static AzureSettings read(SettingReader r) {
        String connectionString = r.get("azure.connection-string").trim();
        String account = r.get("azure.account").trim();
        if (connectionString.isEmpty() && !ACCOUNT.matcher(account).matches()) {
            throw new SettingsException("azure.account", account.isEmpty()
                    ? "must not be empty (or set azure.connection-string)"
                    : "'" + account + "' is not a storage account name (3 to 24 lower case letters and digits)");
        }
        String container = r.get("azure.container").trim();
        if (!CONTAINER.matcher(container).matches()) {
            throw new SettingsException("azure.container", "'" + container + "' is not a container name"
                    + " (3 to 63 lower case letters, digits and single hyphens, starting and ending with a letter or digit)");
        }
        long blockSize = r.size("azure.block-size");
        if (blockSize <= 0 || blockSize > AzureContainer.MAX_BLOCK_SIZE) {
            throw new SettingsException("azure.block-size", blockSize + " bytes is not between 1 byte and Azure's largest block, 4000MB");
        }
        AzureContainer settings = new AzureContainer(account, container, connectionString,
                r.uri("azure.endpoint", "http://127.0.0.1:10000/devstoreaccount1", "https://<account>.blob.core.windows.net"), blockSize);
        settings.connectionStringProblem().ifPresent(problem -> {
            throw new SettingsException("azure.connection-string", problem);
        });
        requireSdk(AzureSettings.class.getClassLoader());
        return new AzureSettings(settings);
    }

    /** Refuses the store where the Azure SDK is not on the class path, rather than fail later on a missing class. */
    private static void requireSdk(ClassLoader loader) {
        try {
            Class.forName(SDK_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SettingsException(SETTING, "azure: the Azure SDK is not in this runtime (the Karaf bundle has the stores s3 and file;"
                    + " run the jar or the container image for Azure)");
        }
    }

    @Override
    public String name() {
        return "container " + container.name();
    }

    @Override
    public String describe() {
        return container.describe();
    }
}
