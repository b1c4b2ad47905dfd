package io.kafkaarchiver.runtime;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.config.ArchiveSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver as a Camel Main application: the settings checked, the beans bound, the routes loaded
 * from {@code routes/} in the working directory when there is one, else the jar's own.
 */
public final class ArchiverRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiverRuntime.class);

    private final Main main;
    private final ArchiveConfiguration configuration;

    private ArchiverRuntime(Main main, ArchiveConfiguration configuration) {
        this.main = main;
        this.configuration = configuration;
    }

    /**
     * @param properties the merged settings ({@link io.kafkaarchiver.config.SettingsSource})
     * @param routes     where the route files are: a {@code file:} or {@code classpath:} pattern
     */
    public static ArchiverRuntime create(Properties properties, String routes) throws IOException {
        return create(properties, ArchiveSettings.from(properties), routes);
    }

    /** As {@link #create(Properties, String)}, with {@code settings} read from {@code properties} already. */
    public static ArchiverRuntime create(Properties properties, ArchiveSettings settings, String routes) throws IOException {
        LOG.info("Starting with {}", settings);
        ArchiveConfiguration configuration = ArchiveConfiguration.open(settings);
        Main main = new Main();
        main.setOverrideProperties(ArchiveConfiguration.placeholders(properties, settings));
        main.configure().withRoutesIncludePattern(routes);
        configuration.bindTo(main::bind);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport main) {
                OutOfMemoryExit.install(main.getCamelContext());
            }

            @Override
            public void afterStop(BaseMainSupport ignored) {
                close(configuration);
            }
        });
        return new ArchiverRuntime(main, configuration);
    }

    /**
     * The route files of the working directory's {@code routes/} when present (YAML or XML DSL), else
     * the jar's own.
     */
    public static String routesFor(Path directory) {
        Path routes = directory.resolve("routes").toAbsolutePath();
        return Files.isDirectory(routes)
                ? "file:" + routes + "/*.camel.yaml,file:" + routes + "/*.camel.xml"
                : ArchiveConfiguration.ROUTES;
    }

    public ArchiveConfiguration configuration() {
        return configuration;
    }

    /** Runs until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void run() throws Exception {
        main.run();
    }

    /** Starts in the background; {@link #stop()} ends it. */
    public void start() throws Exception {
        main.start();
    }

    /** Stops the routes, then closes what they used (in-progress files, threads, the S3 client). */
    public void stop() {
        main.stop();
        close(configuration);
    }

    private static void close(ArchiveConfiguration configuration) {
        try {
            configuration.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
