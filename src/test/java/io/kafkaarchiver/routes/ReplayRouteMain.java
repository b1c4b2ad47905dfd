package io.kafkaarchiver.routes;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/** A Camel context running the example replay route with the settings of a properties file: a JVM of its own to kill. */
public final class ReplayRouteMain {

    private ReplayRouteMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            settings.load(in);
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(settings);
        for (RoutesBuilder routes : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(
                PluginHelper.getResourceLoader(camel).resolveResource("classpath:routes/replay/replay-to-files.camel.yaml"))) {
            camel.addRoutes(routes);
        }
        camel.start();
        // Runs until killed: the test kills it, or ends it once the window is replayed.
        new CountDownLatch(1).await();
    }
}
