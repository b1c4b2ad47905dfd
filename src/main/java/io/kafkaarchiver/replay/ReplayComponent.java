package io.kafkaarchiver.replay;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.config.ArchiveSettings.S3Settings;
import io.kafkaarchiver.restore.ArchiveReader;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code kafka-archive:} component: replays archived topics into routes. Where the archive is comes from, in
 * this order: an {@code s3Client} and {@code bucket} set on it; the settings handed to {@link #from(Properties)};
 * else the CamelContext's own {@code s3.*} properties, the archiver's settings, as Camel finds the component by itself.
 */
public final class ReplayComponent extends DefaultComponent {

    private S3Client s3Client;
    private String bucket;
    private String manifestPrefix = "_manifest";
    private S3Settings settings;
    private S3Client ownClient;
    private ArchiveReader reader;

    /** A component reading the archive the archiver's settings ({@code s3.*}) name, through a client of its own. */
    public static ReplayComponent from(Properties settings) {
        ReplayComponent component = new ReplayComponent();
        component.settings = S3Settings.from(settings);
        return component;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.isBlank()) {
            throw new IllegalArgumentException(uri + ": name the archived topic, as in kafka-archive:orders");
        }
        ReplayEndpoint endpoint = new ReplayEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (s3Client != null) {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("kafka-archive: an s3Client is set, but no bucket");
            }
            reader = reader(s3Client, bucket, manifestPrefix);
            return;
        }
        S3Settings s3 = settings != null ? settings : S3Settings.from(getCamelContext().getPropertiesComponent().loadProperties());
        ownClient = s3.newClient();
        reader = reader(ownClient, s3.bucket(), s3.manifestPrefix());
    }

    @Override
    protected void doStop() throws Exception {
        if (ownClient != null) {
            ownClient.close();
            ownClient = null;
        }
        super.doStop();
    }

    private static ArchiveReader reader(S3Client s3, String bucket, String manifestPrefix) {
        return new ArchiveReader(s3, new ArchiveCatalog(s3, bucket, new Manifest(s3, bucket, manifestPrefix, Clock.systemUTC())));
    }

    ArchiveReader reader() {
        return reader;
    }

    public S3Client getS3Client() {
        return s3Client;
    }

    /** The archive's S3 client (a {@code #bean} reference); the application keeps and closes it. */
    public void setS3Client(S3Client s3Client) {
        this.s3Client = s3Client;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getManifestPrefix() {
        return manifestPrefix;
    }

    public void setManifestPrefix(String manifestPrefix) {
        this.manifestPrefix = manifestPrefix;
    }
}
