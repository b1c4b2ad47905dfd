package io.kafkaarchiver.store.s3;

import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.NoSuchObjectException;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import io.kafkaarchiver.store.StorePage;
import io.kafkaarchiver.store.StoreRefusal;
import io.kafkaarchiver.store.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The archive in an S3 bucket (or an S3-compatible server). Every put goes one way, whole or (larger than
 * {@code s3.part-size}) in parts a few at once, always with the settings' server-side encryption and the
 * condition as {@code If-None-Match: *} or {@code If-Match}; a multipart upload that fails is aborted, so no
 * parts are left behind. Camel's aws2-s3 producer (4.14) sends no {@code If-Match}, sends parts one after the
 * other and leaves the user metadata and the server-side encryption out of a multipart upload (4.18 too): hence the SDK here.
 */
public final class S3Store implements ArchiveStore {

    private static final int PARTS_AT_ONCE = 4;

    private final S3Client s3;
    private final S3Address address;
    private final ServerSideEncryption sse;
    private final String kmsKeyId;
    private final long partSize;
    private final ConditionalWrites conditions;
    private final ExecutorService parts = Executors.newFixedThreadPool(PARTS_AT_ONCE, runnable -> {
        Thread t = new Thread(runnable, "archive-upload-parts");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param s3       the client, closed with the store
     * @param sse      {@code AES256}, {@code aws:kms}, or empty for the bucket's default; {@code kmsKeyId} empty for S3's own key
     * @param partSize the size above which a put goes in parts, and the size of each part
     */
    public S3Store(S3Client s3, S3Address address, String sse, String kmsKeyId, long partSize, ConditionalWrites conditions) {
        this.s3 = s3;
        this.address = address;
        // Null leaves the header out of the request: the bucket's default encryption, or S3's KMS key.
        this.sse = sse.isEmpty() ? null : ServerSideEncryption.fromValue(sse);
        this.kmsKeyId = kmsKeyId.isEmpty() ? null : kmsKeyId;
        this.partSize = partSize;
        this.conditions = conditions;
    }

    @Override
    public String describe() {
        return address.toString();
    }

    @Override
    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(address.bucket()).key(key));
            return Optional.of(new StoredObject(key, head.contentLength(), conditions.version(head, head.eTag()), head.metadata()));
        } catch (S3Exception e) {
            // A HEAD's 404 has no body to tell a missing key from a missing bucket: the listing and the puts tell the latter.
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public StorePage list(String prefix, boolean folders, Optional<String> after) {
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(address.bucket()).prefix(prefix)
                .delimiter(folders ? "/" : null).continuationToken(after.orElse(null)));
        List<StoredObject> objects = page.contents().stream()
                .map(o -> new StoredObject(o.key(), o.size(), o.eTag(), Map.of())).toList();
        return new StorePage(objects, page.commonPrefixes().stream().map(CommonPrefix::prefix).toList(),
                Boolean.TRUE.equals(page.isTruncated()) ? Optional.ofNullable(page.nextContinuationToken()) : Optional.empty());
    }

    @Override
    public InputStream get(String key) {
        return read(key, null);
    }

    @Override
    public InputStream getRange(String key, long from, long length) {
        return read(key, "bytes=" + from + "-" + (from + length - 1));
    }

    /** The object's bytes; closed before the end, the connection is dropped rather than the rest read. */
    private InputStream read(String key, String range) {
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(b -> b.bucket(address.bucket()).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException("no object " + key + " in " + describe(), e);
        }
        return new FilterInputStream(response) {
            private boolean ended;

            @Override
            public int read() throws IOException {
                int b = super.read();
                ended |= b < 0;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                ended |= n < 0;
                return n;
            }

            @Override
            public void close() throws IOException {
                if (!ended) {
                    response.abort();
                }
                super.close();
            }
        };
    }

    @Override
    public StoredObject put(String key, Path file, Map<String, String> metadata, Precondition condition) {
        try {
            long size = Files.size(file);
            String version = size > partSize ? putInParts(key, file, size, metadata, condition)
                    : version(s3.putObject(request(key, metadata, condition, null), RequestBody.fromFile(file)));
            return new StoredObject(key, size, version, metadata);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading " + file + " to put under " + key, e);
        } catch (S3Exception e) {
            throw lostRace(e, key, condition);
        }
    }

    @Override
    public StoredObject put(String key, byte[] bytes, String contentType, Map<String, String> metadata, Precondition condition) {
        try {
            String version = version(s3.putObject(request(key, metadata, condition, contentType), RequestBody.fromBytes(bytes)));
            return new StoredObject(key, bytes.length, version, metadata);
        } catch (S3Exception e) {
            throw lostRace(e, key, condition);
        }
    }

    private PutObjectRequest request(String key, Map<String, String> metadata, Precondition condition, String contentType) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(address.bucket()).key(key).metadata(metadata)
                .contentType(contentType).serverSideEncryption(sse).ssekmsKeyId(kmsKeyId);
        return conditions.on(put, condition).build();
    }

    private String version(PutObjectResponse put) {
        return conditions.version(put, put.eTag());
    }

    /**
     * A {@link PreconditionFailedException} when S3 refused the put for its condition: the key no longer holds
     * what was seen (412), another conditional write to it was under way (409), or the object to replace is gone
     * (404); else {@code e} itself.
     */
    private RuntimeException lostRace(S3Exception e, String key, Precondition condition) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        boolean lost = e.statusCode() == 412 || e.statusCode() == 404 && "NoSuchKey".equals(code)
                || e.statusCode() == 409 && "ConditionalRequestConflict".equals(code);
        return lost && !(condition instanceof Precondition.Overwrite)
                ? new PreconditionFailedException(key + " in " + describe() + " is not as the put expected (" + condition
                        + ", HTTP " + e.statusCode() + ")", e)
                : e;
    }

    private String putInParts(String key, Path file, long size, Map<String, String> metadata, Precondition condition) {
        String bucket = address.bucket();
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(key).metadata(metadata)
                .serverSideEncryption(sse).ssekmsKeyId(kmsKeyId).build()).uploadId();
        try {
            List<Future<CompletedPart>> uploads = new ArrayList<>();
            for (int number = 1; (number - 1) * partSize < size; number++) {
                int part = number;
                long from = (number - 1) * partSize;
                long length = Math.min(partSize, size - from);
                uploads.add(parts.submit(() -> CompletedPart.builder().partNumber(part).eTag(
                        s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(part),
                                RequestBody.fromContentProvider(() -> new FileRange(file, from, length), length, "application/octet-stream")).eTag())
                        .build()));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> upload : uploads) {
                completed.add(upload.get());
            }
            CompleteMultipartUploadResponse done = s3.completeMultipartUpload(conditions.on(CompleteMultipartUploadRequest.builder()
                    .bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed)), condition).build());
            return conditions.version(done, done.eTag());
        } catch (InterruptedException e) {
            abort(key, uploadId);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while putting " + key + " in parts", e);
        } catch (ExecutionException e) {
            abort(key, uploadId);
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            abort(key, uploadId);
            throw e;
        }
    }

    private void abort(String key, String uploadId) {
        s3.abortMultipartUpload(b -> b.bucket(address.bucket()).key(key).uploadId(uploadId));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(address.bucket()).key(key));
    }

    @Override
    public Optional<StoreRefusal> refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof S3Exception answer) {
                return S3Refusals.of(answer, address);
            }
            if (t instanceof SdkClientException client) {
                return S3Refusals.of(client, address);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        parts.shutdownNow();
        s3.close();
    }
}
