package io.kafkaarchiver.springboot;

import io.kafkaarchiver.check.StartupChecks;
import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The archiver in the application's CamelContext: its beans and routes added before Camel starts, closed after Camel stops. */
final class CamelArchiver implements CamelContextConfiguration, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CamelArchiver.class);

    private final Properties placeholders;
    private final ArchiveConfiguration configuration;

    private CamelArchiver(Properties placeholders, ArchiveConfiguration configuration) {
        this.placeholders = placeholders;
        this.configuration = configuration;
    }

    /**
     * Checks the settings as {@code run} does and opens the working directory.
     *
     * @throws SettingsException naming the first bad setting, before the application starts
     */
    static CamelArchiver open(Properties properties, PrometheusMeterRegistry meterRegistry) throws IOException, InterruptedException {
        ArchiveSettings settings = ArchiveSettings.from(properties);
        LOG.info("Starting with {}", settings);
        new StartupChecks(settings).beforeArchiving();
        return new CamelArchiver(ArchiveConfiguration.placeholders(properties, settings), ArchiveConfiguration.open(settings, meterRegistry));
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        requireConsumerStoppedFirst(context);
        // Initial, not override: the application's own values of the same keys are the ones read here anyway.
        placeholders.stringPropertyNames().forEach(key -> context.getPropertiesComponent().addInitialProperty(key, placeholders.getProperty(key)));
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        configuration.bindTo((name, bean) -> {
            context.getRegistry().bind(name, bean);
            // Camel Main hands the registry's health checks to Camel's health; Camel Spring Boot, configured before, does not.
            if (bean instanceof HealthCheck check) {
                health.register(check);
            }
        });
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                close();
            }
        });
        try {
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource(ArchiveConfiguration.ROUTES));
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
    }

    /** Stopped in reverse, the Kafka consumer would stop last, after the hand-off its partitions leave through. */
    static void requireConsumerStoppedFirst(CamelContext context) {
        if (context.getShutdownStrategy().isShutdownRoutesInReverseOrder()) {
            throw new SettingsException("camel.main.shutdown-routes-in-reverse-order", "must be false for kafka-archiver, whose"
                    + " Kafka consumer stops first and hands its partitions off through the routes after it");
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        // Nothing to do once running: the routes run on Camel's threads.
    }

    /** Commits and closes the in-progress files; once Camel has stopped, or when the application failed to start. */
    @Override
    public void close() {
        try {
            configuration.close();
        } catch (IOException e) {
            LOG.error("kafka-archiver did not close its working directory cleanly: {}", e.getMessage(), e);
        }
    }
}
