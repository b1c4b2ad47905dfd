package io.kafkaarchiver.karaf;

import java.util.Optional;
import org.apache.karaf.bundle.core.BundleState;
import org.apache.karaf.bundle.core.BundleStateService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The archiver's state in Karaf's {@code bundle:list} and {@code bundle:diag}: Failure, and why, while it is stopped by a failed start. */
final class ArchiverBundleState implements BundleStateService {

    private final long bundleId;
    private final ArchiverStatus status;

    ArchiverBundleState(long bundleId, ArchiverStatus status) {
        this.bundleId = bundleId;
        this.status = status;
    }

    /** Only called where Karaf's bundle package is wired: this class cannot even load without it. */
    static ServiceRegistration<BundleStateService> register(BundleContext bundle, ArchiverStatus status) {
        return bundle.registerService(BundleStateService.class, new ArchiverBundleState(bundle.getBundle().getBundleId(), status), null);
    }

    @Override
    public String getName() {
        return "kafka-archiver";
    }

    /** Unknown leaves the framework's state showing: Active while the archiver runs. */
    @Override
    public BundleState getState(Bundle bundle) {
        return stoppedBy(bundle).isPresent() ? BundleState.Failure : BundleState.Unknown;
    }

    /** Karaf prints nothing for this service when it is null. */
    @Override
    public String getDiag(Bundle bundle) {
        return stoppedBy(bundle).orElse(null);
    }

    private Optional<String> stoppedBy(Bundle bundle) {
        return bundle.getBundleId() == bundleId ? status.stoppedBy() : Optional.empty();
    }
}
