package io.kafkaarchiver.karaf;

import io.kafkaarchiver.check.StartupChecks;
import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.config.ArchiveSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Properties;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.karaf.core.OsgiCamelContextPublisher;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.support.PluginHelper;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the archiver inside Karaf: a CamelContext of its own with the jar's routes and beans,
 * from {@link #start} to {@link #stop}.
 */
final class BundleArchiver {

    private static final Logger LOG = LoggerFactory.getLogger(BundleArchiver.class);

    /** Camel's own pattern, set again once the context has its name (see {@link #behaveAsCamelMain}). */
    private static final String THREAD_NAME_PATTERN = "Camel (#camelId#) thread ##counter# - #name#";

    private final CamelContext context;
    private final ArchiveConfiguration configuration;
    private ObjectName meters;

    private BundleArchiver(CamelContext context, ArchiveConfiguration configuration) {
        this.context = context;
        this.configuration = configuration;
    }

    /** @throws io.kafkaarchiver.config.SettingsException naming the first bad setting, or one the startup checks found, before anything starts */
    static BundleArchiver start(BundleContext bundle, Properties properties) throws Exception {
        ArchiveSettings settings = ArchiveSettings.from(properties);
        LOG.info("Starting with {}", settings);
        new StartupChecks(settings).beforeArchiving();
        CamelContext context = new OsgiDefaultCamelContext(bundle);
        BundleArchiver archiver = new BundleArchiver(context, ArchiveConfiguration.open(settings));
        try {
            behaveAsCamelMain(context, properties);
            // Registers the context as an OSGi service once started (camel-karaf's camel:* commands list those).
            context.getManagementStrategy().addEventNotifier(new OsgiCamelContextPublisher(bundle));
            context.getPropertiesComponent().setInitialProperties(ArchiveConfiguration.placeholders(properties, settings));
            archiver.configuration.bindTo(context.getRegistry()::bind);
            PluginHelper.getRoutesLoader(context).loadRoutes(routes(context));
            context.start();
            archiver.registerMeters();
            return archiver;
        } catch (Exception e) {
            archiver.stop();
            throw e;
        }
    }

    private static Resource routes(CamelContext context) {
        Resource routes = PluginHelper.getResourceLoader(context).resolveResource(ArchiveConfiguration.ROUTES);
        if (!routes.exists()) {
            throw new IllegalStateException("the bundle lacks its routes, " + ArchiveConfiguration.ROUTES);
        }
        return routes;
    }

    /**
     * What {@code application.properties} asks of Camel Main, applied by hand: Camel Main does not run
     * here. The values are the bundle's own defaults (a configuration may not change {@code camel.*}).
     */
    private static void behaveAsCamelMain(CamelContext context, Properties properties) {
        context.getCamelContextExtension().setName(properties.getProperty("camel.main.name"));
        // OsgiDefaultCamelContext's constructor has already fixed the thread names with the name it had then (camel-N).
        context.getExecutorServiceManager().setThreadNamePattern(THREAD_NAME_PATTERN);
        context.getShutdownStrategy().setTimeout(Long.parseLong(properties.getProperty("camel.main.shutdown-timeout")));
        context.getShutdownStrategy().setShutdownRoutesInReverseOrder(
                Boolean.parseBoolean(properties.getProperty("camel.main.shutdown-routes-in-reverse-order")));
        SupervisingRouteController routes = context.getRouteController().supervising();
        routes.setBackOffDelay(Long.parseLong(properties.getProperty("camel.routecontroller.back-off-delay")));
        routes.setBackOffMaxDelay(Long.parseLong(properties.getProperty("camel.routecontroller.back-off-max-delay")));
        routes.setBackOffMultiplier(Double.parseDouble(properties.getProperty("camel.routecontroller.back-off-multiplier")));
    }

    /** In the MBean server Karaf's JMX connector serves, which is where Camel's MBeans go too. */
    private void registerMeters() throws JMException {
        PrometheusMeterRegistry registry = context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class);
        ObjectName name = JmxMeters.objectName(context.getName());
        ManagementFactory.getPlatformMBeanServer().registerMBean(new JmxMeters(registry.getPrometheusRegistry()), name);
        meters = name;
    }

    /** Stops the routes (handing the partitions off), then closes what they used. */
    void stop() {
        try {
            unregisterMeters();
            context.stop();
        } finally {
            try {
                configuration.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Never throws: the routes must stop, and their files be closed, whatever JMX says. */
    private void unregisterMeters() {
        if (meters == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(meters);
        } catch (JMException e) {
            LOG.warn("cannot unregister {}: {}", meters, e.getMessage());
        }
        meters = null;
    }
}
