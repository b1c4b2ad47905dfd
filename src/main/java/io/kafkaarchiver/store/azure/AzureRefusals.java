package io.kafkaarchiver.store.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.kafkaarchiver.store.StoreRefusal;
import java.util.Optional;

/**
 * Azure's answers that retrying will not change, as the setting they most likely come from: a container that
 * does not exist, credentials refused or not found, a disabled account. Outages (no connection, HTTP 5xx, 429
 * throttling) and lost races are not among them.
 */
final class AzureRefusals {

    private final AzureContainer settings;
    private final String store;

    AzureRefusals(AzureContainer settings, String store) {
        this.settings = settings;
        this.store = store;
    }

    Optional<StoreRefusal> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BlobStorageException answer) {
                return of(answer);
            }
            // No token: the credential chain found no identity to use, or its identity was refused by Entra ID.
            if (t instanceof ClientAuthenticationException noToken) {
                return Optional.of(new StoreRefusal(settings.credentialsSetting(),
                        store + ": no token from " + settings.credentials() + ": " + firstLine(noToken.getMessage())));
            }
        }
        return Optional.empty();
    }

    private Optional<StoreRefusal> of(BlobStorageException e) {
        BlobErrorCode code = e.getErrorCode();
        String said = said(e);
        if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code) || BlobErrorCode.CONTAINER_DISABLED.equals(code)
                || BlobErrorCode.INVALID_RESOURCE_NAME.equals(code)) {
            return Optional.of(new StoreRefusal("azure.container", store + ": " + said));
        }
        if (BlobErrorCode.ACCOUNT_IS_DISABLED.equals(code)) {
            return Optional.of(new StoreRefusal(settings.credentialsSetting(), store + ": " + said));
        }
        if (e.getStatusCode() == 401 || e.getStatusCode() == 403) {
            return Optional.of(new StoreRefusal(settings.credentialsSetting(), store + " refused " + settings.credentials() + ": " + said));
        }
        return Optional.empty();
    }

    /** What Azure said, without the request id and time it appends on lines of their own. */
    static String said(BlobStorageException e) {
        String code = e.getErrorCode() == null ? "" : e.getErrorCode() + ": ";
        String message = e.getServiceMessage() == null ? "no message" : firstLine(e.getServiceMessage());
        return code + message + " (HTTP " + e.getStatusCode() + ")";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no message";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }
}
