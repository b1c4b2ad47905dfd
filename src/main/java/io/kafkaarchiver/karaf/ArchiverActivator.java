package io.kafkaarchiver.karaf;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ManagedService;

/**
 * Starts the archiver when Configuration Admin hands over its settings, and stops it (handing its
 * partitions off, as {@code run} does on SIGTERM) when the bundle stops.
 */
public final class ArchiverActivator implements BundleActivator {

    /** Imported optionally: the bundle also runs in an OSGi framework without Karaf's bundle commands. */
    private static final String KARAF_BUNDLE_PACKAGE = "org.apache.karaf.bundle.core";

    private ManagedArchiver archiver;
    private ServiceRegistration<ManagedService> registration;
    private ServiceRegistration<?> state;

    @Override
    public void start(BundleContext bundle) {
        ArchiverStatus status = new ArchiverStatus();
        if (wiredTo(bundle, KARAF_BUNDLE_PACKAGE)) {
            state = ArchiverBundleState.register(bundle, status);
        }
        archiver = new ManagedArchiver(bundle, status);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, KarafSettings.PID);
        registration = bundle.registerService(ManagedService.class, archiver, properties);
    }

    @Override
    public void stop(BundleContext bundle) {
        registration.unregister();
        archiver.close();
        if (state != null) {
            state.unregister();
        }
    }

    private static boolean wiredTo(BundleContext bundle, String packageName) {
        return bundle.getBundle().adapt(BundleWiring.class).getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .anyMatch(wire -> packageName.equals(wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)));
    }
}
