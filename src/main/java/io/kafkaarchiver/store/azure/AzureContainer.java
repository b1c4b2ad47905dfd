package io.kafkaarchiver.store.azure;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure Blob Storage container the archive is in, and how it is reached: the storage account, whose credentials
 * (a connection string, else the DefaultAzureCredential chain), and the size blocks are staged in.
 *
 * @param account   the storage account's name; not used when the connection string names the account
 * @param endpoint  the blob service's address; null for the connection string's, or the public cloud's {@code https://<account>.blob.core.windows.net}
 * @param blockSize the size of the blocks a large object is staged in, and the largest object put in one request
 */
public record AzureContainer(String account, String name, String connectionString, URI endpoint, long blockSize) {

    /** Azure takes no block larger than 4000 MiB. */
    public static final long MAX_BLOCK_SIZE = 4000L << 20;

    /** Azurite's address, as the SDK reads {@code UseDevelopmentStorage=true}. */
    private static final String DEVELOPMENT_STORAGE = "http://127.0.0.1:10000/devstoreaccount1";

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

    /**
     * The blob service's address, as the SDK reaches it: {@code azure.endpoint}, else the connection string's
     * ({@code BlobEndpoint}, or its account and endpoint suffix), else the account's in the public cloud.
     */
    public String accountUrl() {
        if (endpoint != null) {
            return withoutTrailingSlash(endpoint.toString());
        }
        if (connectionString.isEmpty()) {
            return "https://" + account + ".blob.core.windows.net";
        }
        Map<String, String> parts = connectionStringParts();
        if ("true".equalsIgnoreCase(parts.get("usedevelopmentstorage"))) {
            return DEVELOPMENT_STORAGE;
        }
        if (parts.containsKey("blobendpoint")) {
            return withoutTrailingSlash(parts.get("blobendpoint"));
        }
        return parts.getOrDefault("defaultendpointsprotocol", "https") + "://" + parts.getOrDefault("accountname", "(no AccountName)")
                + ".blob." + parts.getOrDefault("endpointsuffix", "core.windows.net");
    }

    /**
     * What is wrong with the connection string, in words that never quote it (it holds a secret); empty when it is
     * empty or has what the SDK needs: {@code UseDevelopmentStorage=true}, or an address (AccountName or BlobEndpoint)
     * and a secret (AccountKey or SharedAccessSignature).
     */
    public Optional<String> connectionStringProblem() {
        if (connectionString.isEmpty()) {
            return Optional.empty();
        }
        for (String part : connectionString.split(";")) {
            if (!part.isBlank() && part.indexOf('=') <= 0) {
                return Optional.of("is not Key=value pairs separated by ';', as the portal's Access keys page gives it");
            }
        }
        Map<String, String> parts = connectionStringParts();
        if ("true".equalsIgnoreCase(parts.get("usedevelopmentstorage"))) {
            return Optional.empty();
        }
        if (!parts.containsKey("accountname") && !parts.containsKey("blobendpoint")) {
            return Optional.of("names no account (AccountName=) and no blob endpoint (BlobEndpoint=)");
        }
        if (!parts.containsKey("accountkey") && !parts.containsKey("sharedaccesssignature")) {
            return Optional.of("holds no key (AccountKey=) and no SAS (SharedAccessSignature=)");
        }
        return Optional.empty();
    }

    /** The connection string's {@code Key=value} pairs, keys in lower case. */
    private Map<String, String> connectionStringParts() {
        Map<String, String> parts = new HashMap<>();
        for (String part : connectionString.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        return parts;
    }

    /** The container as messages name it, whether or not the store was opened: {@code container c at https://a.blob.core.windows.net}. */
    public String describe() {
        return "container " + name + " at " + accountUrl();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "AzureContainer[account=" + account + ", container=" + name + ", connection-string="
                + (connectionString.isEmpty() ? "(none)" : "(set)") + ", endpoint=" + accountUrl() + ", block-size=" + blockSize + "]";
    }
}
