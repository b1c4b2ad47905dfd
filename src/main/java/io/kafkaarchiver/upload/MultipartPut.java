package io.kafkaarchiver.upload;

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
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Puts an object larger than a part ({@code s3.part-size}) in parts, a few at once, with its user
 * metadata and server-side encryption. Camel's aws2-s3 multipart upload (4.14) sends the parts one
 * after the other and leaves the user metadata out, which the archive's readers need; so large objects
 * come here. A failed upload is aborted: no parts are left behind in the bucket.
 */
public final class MultipartPut implements Processor {

    private static final int PARTS_AT_ONCE = 4;

    private final S3Client s3;
    private final String bucket;
    private final String sse;
    private final String kmsKeyId;
    private final long partSize;
    private ExecutorService parts;

    /** @param sse {@code AES256}, {@code aws:kms}, or empty for the bucket's default */
    public MultipartPut(S3Client s3, String bucket, String sse, String kmsKeyId, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.sse = sse;
        this.kmsKeyId = kmsKeyId;
        this.partSize = partSize;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        File file = exchange.getMessage().getMandatoryBody(File.class);
        String key = exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class);
        Map<String, String> metadata = exchange.getMessage().getHeader(AWS2S3Constants.METADATA, Map.class);
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucket).key(key).metadata(metadata);
        if (!sse.isEmpty()) {
            create.serverSideEncryption(ServerSideEncryption.fromValue(sse));
            if (!kmsKeyId.isEmpty()) {
                create.ssekmsKeyId(kmsKeyId);
            }
        }
        String uploadId = s3.createMultipartUpload(create.build()).uploadId();
        try {
            List<Future<CompletedPart>> uploads = new ArrayList<>();
            long length = file.length();
            for (int number = 1; (number - 1) * partSize < length; number++) {
                int part = number;
                long from = (number - 1) * partSize;
                long size = Math.min(partSize, length - from);
                uploads.add(threads(exchange.getContext()).submit(() -> CompletedPart.builder().partNumber(part).eTag(
                        s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(part),
                                RequestBody.fromContentProvider(() -> new FileRange(file, from, size), size, "application/octet-stream")).eTag())
                        .build()));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> upload : uploads) {
                completed.add(upload.get());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed)));
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
