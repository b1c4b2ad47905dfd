package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.Manifest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Adds the object just put (or found already there) to the manifest, as S3 now holds it: the metadata
 * the put sent, or that of the object found, so an entry never claims more than the object has. Runs
 * before the offsets are committed, so a committed offset is always in an object the manifest lists.
 */
public final class ManifestRecorder implements Processor {

    private final Manifest manifest;

    public ManifestRecorder(Manifest manifest) {
        this.manifest = manifest;
    }

    @Override
    public void process(Exchange exchange) {
        manifest.record(exchange.getProperty(UploadRequest.OBJECT, ArchivedObject.class));
    }
}
