package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.Manifest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Adds the object just put (or found already there) to the manifest, as S3 now holds it: its own
 * metadata, so an entry never claims more than the object has. Runs before the offsets are
 * committed, so a committed offset is always in an object the manifest lists.
 */
public final class ManifestRecorder implements Processor {

    private final S3Client s3;
    private final String bucket;
    private final Manifest manifest;

    public ManifestRecorder(S3Client s3, String bucket, Manifest manifest) {
        this.s3 = s3;
        this.bucket = bucket;
        this.manifest = manifest;
    }

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
        ArchivedObject object = ArchivedObject.fromMetadata(key, head.contentLength(), head.metadata())
                .orElseThrow(() -> new IllegalStateException("s3://" + bucket + "/" + key + " lacks the archive's metadata"));
        manifest.record(object);
    }
}
