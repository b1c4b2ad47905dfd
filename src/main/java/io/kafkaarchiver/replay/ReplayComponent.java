package io.kafkaarchiver.replay;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.config.StoredArchive;
import io.kafkaarchiver.restore.ArchiveReader;
import io.kafkaarchiver.store.ArchiveStore;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code kafka-archive:} component: replays archived topics into routes. Where the archive is comes from, in
 * this order: a {@code store} set on it (the archiver's {@code archiveStore} bean, say); the settings handed to
 * {@link #from(Properties)}; else the CamelContext's own store settings ({@code archive.store}, {@code s3.*},
 * {@code file.*}), the archiver's settings, as Camel finds the component by itself.
 */
public final class ReplayComponent extends DefaultComponent {

    private ArchiveStore store;
    private String manifestPrefix = "_manifest";
    private StoredArchive settings;
    private ArchiveStore ownStore;
    private ArchiveReader reader;

    /** A component reading the archive the archiver's settings name, through a store of its own. */
    public static ReplayComponent from(Properties settings) {
        ReplayComponent component = new ReplayComponent();
        component.settings = StoredArchive.from(settings);
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
        if (store != null) {
            reader = reader(store, new Manifest(store, manifestPrefix, Clock.systemUTC()));
            return;
        }
        StoredArchive archive = settings != null ? settings : StoredArchive.from(getCamelContext().getPropertiesComponent().loadProperties());
        ownStore = archive.open();
        reader = reader(ownStore, archive.manifest(ownStore));
    }

    @Override
    protected void doStop() throws Exception {
        if (ownStore != null) {
            ownStore.close();
            ownStore = null;
        }
        super.doStop();
    }

    private static ArchiveReader reader(ArchiveStore store, Manifest manifest) {
        return new ArchiveReader(store, new ArchiveCatalog(store, manifest));
    }

    ArchiveReader reader() {
        return reader;
    }

    public ArchiveStore getStore() {
        return store;
    }

    /** The archive's store (a {@code #bean} reference, e.g. {@code #bean:archiveStore}); the application keeps and closes it. */
    public void setStore(ArchiveStore store) {
        this.store = store;
    }

    public String getManifestPrefix() {
        return manifestPrefix;
    }

    public void setManifestPrefix(String manifestPrefix) {
        this.manifestPrefix = manifestPrefix;
    }
}
