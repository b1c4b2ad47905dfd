package io.kafkaarchiver.karaf;

import io.kafkaarchiver.config.SettingsException;
import java.util.Dictionary;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver under Configuration Admin: each change of {@code io.kafkaarchiver} stops the running
 * archiver and starts one with the new settings; bad settings leave it stopped, said in one line.
 */
final class ManagedArchiver implements ManagedService {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedArchiver.class);

    private final BundleContext bundle;
    private BundleArchiver running;
    private boolean closed;

    ManagedArchiver(BundleContext bundle) {
        this.bundle = bundle;
    }

    @Override
    public synchronized void updated(Dictionary<String, ?> configuration) {
        if (closed) {
            return;
        }
        stopRunning();
        try {
            running = BundleArchiver.start(bundle, KarafSettings.merge(configuration));
        } catch (SettingsException e) {
            LOG.error("kafka-archiver not started: bad setting {} (etc/{}.cfg)", e.getMessage(), KarafSettings.PID);
        } catch (Exception e) {
            LOG.error("kafka-archiver could not start: {}", e.getMessage(), e);
        }
    }

    /** Stops the archiver for good: Configuration Admin may still call {@link #updated} afterwards. */
    synchronized void close() {
        closed = true;
        stopRunning();
    }

    private void stopRunning() {
        if (running == null) {
            return;
        }
        BundleArchiver stopping = running;
        running = null;
        try {
            stopping.stop();
        } catch (RuntimeException e) {
            LOG.error("kafka-archiver did not stop cleanly: {}", e.getMessage(), e);
        }
    }
}
