package io.kafkaarchiver.karaf;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

/**
 * Starts the archiver when Configuration Admin hands over its settings, and stops it (handing its
 * partitions off, as {@code run} does on SIGTERM) when the bundle stops.
 */
public final class ArchiverActivator implements BundleActivator {

    private ManagedArchiver archiver;
    private ServiceRegistration<ManagedService> registration;

    @Override
    public void start(BundleContext bundle) {
        archiver = new ManagedArchiver(bundle);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, KarafSettings.PID);
        registration = bundle.registerService(ManagedService.class, archiver, properties);
    }

    @Override
    public void stop(BundleContext bundle) {
        registration.unregister();
        archiver.close();
    }
}
