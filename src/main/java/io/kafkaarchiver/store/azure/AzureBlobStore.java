package io.kafkaarchiver.store.azure;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.NoSuchObjectException;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import io.kafkaarchiver.store.StorePage;
import io.kafkaarchiver.store.StoreRefusal;
import io.kafkaarchiver.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The archive in an Azure Blob Storage container, as block blobs. A put is one request up to
 * {@code azure.block-size}, else blocks of that size staged a few at once and committed in one list; the
 * precondition goes with that last request ({@code If-None-Match: *}, {@code If-Match}), so a put that fails
 * commits nothing (staged blocks are dropped by Azure within a week). Metadata names are mapped by
 * {@link MetadataNames}.
 */
public final class AzureBlobStore implements ArchiveStore {

    /** Objects per listing page: Azure's own default is 5,000. */
    private static final int PAGE_SIZE = 1_000;

    /** Blocks of one object staged at once. */
    private static final int PARALLEL_BLOCKS = 4;

    private final BlobContainerClient container;
    private final String described;
    private final ParallelTransferOptions transfers;
    private final AzureRefusals refusals;

    private AzureBlobStore(BlobContainerClient container, AzureContainer settings) {
        this.container = container;
        this.described = settings.describe();
        this.transfers = new ParallelTransferOptions()
                .setBlockSizeLong(settings.blockSize())
                .setMaxSingleUploadSizeLong(settings.blockSize())
                .setMaxConcurrency(PARALLEL_BLOCKS);
        this.refusals = new AzureRefusals(settings, described);
    }

    /**
     * The store of these settings: credentials from the connection string when there is one, else from the
     * DefaultAzureCredential chain (environment, workload identity, managed identity); the address from
     * {@code azure.endpoint} when set, else from the connection string or the account's name.
     */
    public static AzureBlobStore open(AzureContainer settings) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (settings.connectionString().isEmpty()) {
            builder.credential(new DefaultAzureCredentialBuilder().build())
                    .endpoint(settings.accountUrl());
        } else {
            builder.connectionString(settings.connectionString());
            if (settings.endpoint() != null) {
                builder.endpoint(settings.endpoint().toString());
            }
        }
        return new AzureBlobStore(builder.buildClient().getBlobContainerClient(settings.name()), settings);
    }

    /** As the settings name the container ({@link AzureContainer#describe()}), so that a message names it alike before and after opening. */
    @Override
    public String describe() {
        return described;
    }

    @Override
    public Optional<StoredObject> head(String key) {
        try {
            BlobProperties properties = blob(key).getProperties();
            return Optional.of(new StoredObject(key, properties.getBlobSize(), properties.getETag(),
                    MetadataNames.fromAzure(properties.getMetadata())));
        } catch (BlobStorageException e) {
            if (isNoBlob(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public StorePage list(String prefix, boolean folders, Optional<String> after) {
        ListBlobsOptions options = new ListBlobsOptions()
                .setPrefix(prefix.isEmpty() ? null : prefix)
                .setMaxResultsPerPage(PAGE_SIZE)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        PagedIterable<BlobItem> items = folders ? container.listBlobsByHierarchy("/", options, null) : container.listBlobs(options, null);
        PagedResponse<BlobItem> page = after.map(items::iterableByPage).orElseGet(items::iterableByPage).iterator().next();
        List<StoredObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (BlobItem item : page.getValue()) {
            if (Boolean.TRUE.equals(item.isPrefix())) {
                prefixes.add(item.getName());
            } else {
                objects.add(new StoredObject(item.getName(), item.getProperties().getContentLength(), item.getProperties().getETag(),
                        MetadataNames.fromAzure(item.getMetadata())));
            }
        }
        return new StorePage(objects, prefixes, Optional.ofNullable(page.getContinuationToken()).filter(token -> !token.isEmpty()));
    }

    @Override
    public InputStream get(String key) {
        return open(key, new BlobInputStreamOptions());
    }

    @Override
    public InputStream getRange(String key, long from, long length) {
        return open(key, new BlobInputStreamOptions().setRange(new BlobRange(from, length)));
    }

    /** A stream that reads the blob in blocks as it goes, and fails rather than mix two versions (it holds to the ETag). */
    private InputStream open(String key, BlobInputStreamOptions options) {
        try {
            return blob(key).openInputStream(options);
        } catch (BlobStorageException e) {
            if (isNoBlob(e)) {
                throw new NoSuchObjectException("no object " + key + " in " + describe(), e);
            }
            throw e;
        }
    }

    @Override
    public StoredObject put(String key, Path file, Map<String, String> metadata, Precondition condition) {
        BlobUploadFromFileOptions options = new BlobUploadFromFileOptions(file.toString())
                .setParallelTransferOptions(transfers)
                .setMetadata(MetadataNames.toAzure(metadata))
                .setRequestConditions(conditions(condition));
        Response<BlockBlobItem> put = conditional(key, condition, () -> blob(key).uploadFromFileWithResponse(options, null, Context.NONE));
        try {
            return new StoredObject(key, Files.size(file), put.getValue().getETag(), metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("the size of " + file + ", put as " + key, e);
        }
    }

    @Override
    public StoredObject put(String key, byte[] bytes, String contentType, Map<String, String> metadata, Precondition condition) {
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(bytes))
                .setParallelTransferOptions(transfers)
                .setHeaders(new BlobHttpHeaders().setContentType(contentType))
                .setMetadata(MetadataNames.toAzure(metadata))
                .setRequestConditions(conditions(condition));
        Response<BlockBlobItem> put = conditional(key, condition, () -> blob(key).uploadWithResponse(options, null, Context.NONE));
        return new StoredObject(key, bytes.length, put.getValue().getETag(), metadata);
    }

    private static BlobRequestConditions conditions(Precondition condition) {
        if (condition instanceof Precondition.Replaces replaces) {
            return new BlobRequestConditions().setIfMatch(replaces.versionTag());
        }
        if (condition instanceof Precondition.CreateOnly) {
            return new BlobRequestConditions().setIfNoneMatch("*");
        }
        return null;
    }

    /** Runs a put, turning Azure's refusal of its condition into a {@link PreconditionFailedException}. */
    private <T> T conditional(String key, Precondition condition, Supplier<T> put) {
        try {
            return put.get();
        } catch (BlobStorageException e) {
            BlobErrorCode code = e.getErrorCode();
            boolean lost = BlobErrorCode.BLOB_ALREADY_EXISTS.equals(code) || BlobErrorCode.CONDITION_NOT_MET.equals(code)
                    || condition instanceof Precondition.Replaces && isNoBlob(e);
            if (lost) {
                throw new PreconditionFailedException(key + " in " + describe() + " no longer holds what " + condition
                        + " expects: " + AzureRefusals.said(e), e);
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        try {
            blob(key).delete();
        } catch (BlobStorageException e) {
            if (!isNoBlob(e)) {
                throw e;
            }
        }
    }

    @Override
    public Optional<StoreRefusal> refusal(Throwable failure) {
        return refusals.of(failure);
    }

    /** Nothing to release: the SDK's clients cannot be closed; their connections and (daemon) threads are Reactor Netty's. */
    @Override
    public void close() {
    }

    private BlobClient blob(String key) {
        return container.getBlobClient(key);
    }

    /** A 404 for the blob, not for its container (which is a refusal, named by {@link #refusal}). */
    private static boolean isNoBlob(BlobStorageException e) {
        return e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
    }
}
