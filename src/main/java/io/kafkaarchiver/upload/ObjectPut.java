package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.ObjectIdentity;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Service;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Puts an object under its key, whole or (larger than a part, {@code s3.part-size}) in parts, a few at once,
 * with its user metadata and server-side encryption, on the condition {@link UploadRequest} decided: create
 * only ({@code If-None-Match: *}) or replace only the object seen ({@code If-Match}), so S3 lets one writer
 * win a key. A put that loses a race asks S3 again what the key holds and judges it ({@link KeyCheck}).
 * Camel's aws2-s3 producer (4.14) sends no {@code If-Match}, and its multipart upload sends the parts one
 * after the other and leaves the user metadata out; so every put comes here. A failed multipart upload is
 * aborted: no parts are left behind in the bucket.
 */
public final class ObjectPut implements Processor, Service {

    /** Header: the ETag of the object this put replaces; absent for a put that creates the object. */
    public static final String REPLACES_ETAG = "ArchiveReplacesETag";

    private static final Logger LOG = LoggerFactory.getLogger(ObjectPut.class);
    private static final int PARTS_AT_ONCE = 4;
    /** Races lost in a row on one key before the put fails (and is retried later, as any failed upload). */
    private static final int RACES = 3;

    private final S3Client s3;
    private final String bucket;
    private final ServerSideEncryption sse;
    private final String kmsKeyId;
    private final long partSize;
    private final KeyCheck keys;
    private ExecutorService parts;

    /** @param sse {@code AES256}, {@code aws:kms}, or empty for the bucket's default; {@code kmsKeyId} empty for S3's own key */
    public ObjectPut(S3Client s3, String bucket, String sse, String kmsKeyId, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        // Null leaves the header out of the request: the bucket's default encryption, or S3's KMS key.
        this.sse = sse.isEmpty() ? null : ServerSideEncryption.fromValue(sse);
        this.kmsKeyId = kmsKeyId.isEmpty() ? null : kmsKeyId;
        this.partSize = partSize;
        this.keys = new KeyCheck(s3, bucket);
    }

    /** Asks S3 for the bucket, as Camel's S3 endpoint did: archive-put starts once S3 answers (a refusal is an answer). */
    @Override
    public void start() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception answered) {
            LOG.debug("S3 answered the bucket check of {}: {}", bucket, answered.getMessage());
        }
    }

    @Override
    public void stop() {
        // The part threads are Camel's: it shuts them down with the context.
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        File file = message.getMandatoryBody(File.class);
        String key = message.getHeader(AWS2S3Constants.KEY, String.class);
        Map<String, String> metadata = message.getHeader(AWS2S3Constants.METADATA, Map.class);
        ObjectIdentity object = ObjectIdentity.fromMetadata(key, metadata).orElseThrow();
        String ifMatch = message.getHeader(REPLACES_ETAG, String.class);
        for (int race = 1; ; race++) {
            try {
                if (file.length() > partSize) {
                    putInParts(exchange.getContext(), file, key, metadata, ifMatch);
                } else {
                    s3.putObject(conditional(PutObjectRequest.builder().bucket(bucket).key(key).metadata(metadata), ifMatch)
                            .serverSideEncryption(sse).ssekmsKeyId(kmsKeyId).build(), RequestBody.fromFile(file));
                }
                return;
            } catch (S3Exception e) {
                if (!lostRace(e) || race == RACES) {
                    throw e;
                }
                LOG.info("s3://{}/{} changed after it was checked (HTTP {} to a conditional put): another writer's put came first;"
                        + " judging what the key holds now", bucket, key, e.statusCode());
                PutCondition now = keys.decide(key, object);
                if (now instanceof PutCondition.AlreadyArchived already) {
                    message.setHeader(UploadRequest.ALREADY_ARCHIVED, true);
                    exchange.setProperty(UploadRequest.OBJECT, already.held());
                    return;
                }
                ifMatch = now instanceof PutCondition.Replaces replaces ? replaces.eTag() : null;
            }
        }
    }

    /**
     * True when S3 refused the put for its condition: the key no longer holds what was seen (412), another
     * conditional write to it was under way (409), or the object to replace is gone (404).
     */
    private static boolean lostRace(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 412 || e.statusCode() == 404 && "NoSuchKey".equals(code)
                || e.statusCode() == 409 && "ConditionalRequestConflict".equals(code);
    }

    private static PutObjectRequest.Builder conditional(PutObjectRequest.Builder put, String ifMatch) {
        return ifMatch == null ? put.ifNoneMatch("*") : put.ifMatch(ifMatch);
    }

    private void putInParts(CamelContext camelContext, File file, String key, Map<String, String> metadata, String ifMatch) throws Exception {
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(key).metadata(metadata)
                .serverSideEncryption(sse).ssekmsKeyId(kmsKeyId).build()).uploadId();
        try {
            List<Future<CompletedPart>> uploads = new ArrayList<>();
            long length = file.length();
            for (int number = 1; (number - 1) * partSize < length; number++) {
                int part = number;
                long from = (number - 1) * partSize;
                long size = Math.min(partSize, length - from);
                uploads.add(threads(camelContext).submit(() -> CompletedPart.builder().partNumber(part).eTag(
                        s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(part),
                                RequestBody.fromContentProvider(() -> new FileRange(file, from, size), size, "application/octet-stream")).eTag())
                        .build()));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> upload : uploads) {
                completed.add(upload.get());
            }
            s3.completeMultipartUpload(b -> {
                b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed));
                if (ifMatch == null) {
                    b.ifNoneMatch("*");
                } else {
                    b.ifMatch(ifMatch);
                }
            });
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            throw e instanceof ExecutionException ee && ee.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Camel's pool, shut down with the context. */
    private synchronized ExecutorService threads(CamelContext camelContext) {
        if (parts == null) {
            parts = camelContext.getExecutorServiceManager().newFixedThreadPool(this, "archive-upload-parts", PARTS_AT_ONCE);
        }
        return parts;
    }

    /** One part of a file, read where it lies: no part is held in memory. */
    private static final class FileRange extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        FileRange(File file, long from, long size) {
            try {
                this.channel = FileChannel.open(file.toPath(), StandardOpenOption.READ);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            this.position = from;
            this.end = from + size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
