package io.kafkaarchiver.karaf;

import io.kafkaarchiver.config.SettingsException;
import java.util.Dictionary;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver under Configuration Admin: each change of {@code io.kafkaarchiver} stops the running
 * archiver and starts one with the new settings; a bad setting leaves it stopped, said in one line in the
 * log and, through {@link ArchiverStatus}, in Karaf's bundle state.
 */
final class ManagedArchiver implements ManagedService {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedArchiver.class);

    private final BundleContext bundle;
    private final ArchiverStatus status;
    private BundleArchiver running;
    private boolean closed;

    ManagedArchiver(BundleContext bundle, ArchiverStatus status) {
        this.bundle = bundle;
        this.status = status;
    }

    @Override
    public synchronized void updated(Dictionary<String, ?> configuration) {
        if (closed) {
            return;
        }
        stopRunning();
        try {
            running = BundleArchiver.start(bundle, KarafSettings.merge(configuration, System.getenv()));
            status.running();
        } catch (SettingsException e) {
            String line = "kafka-archiver not started: bad setting " + e.getMessage() + " (etc/" + KarafSettings.PID + ".cfg)";
            status.stoppedBy(line);
            LOG.error(line);
        } catch (Exception e) {
            String line = "kafka-archiver could not start: " + e.getMessage();
            status.stoppedBy(line);
            LOG.error(line, e);
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
