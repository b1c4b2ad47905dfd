package io.kafkaarchiver.routes;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.config.ArchiveSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationsDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XML twin is the YAML routes in another DSL: both files loaded, Camel's own model of each (beans,
 * route configurations, routes) written out in one form, and the two compared. A change made to one file
 * and not to the other fails here.
 */
class RouteTwinsTest {

    private static final String XML_TWIN = "classpath:routes/xml/archive.camel.xml";
    /** An endpoint's options in the order they are written: YAML's parameters come out sorted, XML's as written. */
    private static final Pattern URI = Pattern.compile("uri=\"([^\"?]*)\\?([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void theXmlRoutesAreTheYamlRoutes() throws Exception {
        String yaml = model(dir.resolve("yaml"), ArchiveConfiguration.ROUTES);
        String xml = model(dir.resolve("xml"), XML_TWIN);

        assertThat(xml).as("the model of " + XML_TWIN).isEqualTo(yaml);
        assertThat(yaml).contains("<bean name=\"partitionHandOff\"", "<routeConfiguration id=\"upload-retries\"", "<route id=\"archive-consume\"");
    }

    /** The model Camel makes of a route file, as XML, with each endpoint's options sorted. */
    private static String model(Path dir, String routes) throws Exception {
        Properties properties = ArchiveRoutesTestSupport.settings(dir);
        ArchiveSettings settings = ArchiveSettings.from(properties);
        ArchiveConfiguration configuration = ArchiveConfiguration.open(settings);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(ArchiveConfiguration.placeholders(properties, settings));
            configuration.bindTo(camel.getRegistry()::bind);
            PluginHelper.getRoutesLoader(camel).loadRoutes(PluginHelper.getResourceLoader(camel).resolveResource(routes));
            Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
            model.getCustomBeans().forEach(RouteTwinsTest::numberConstructorArguments);
            model.getRouteDefinitions().forEach(RouteTwinsTest::catchesAsOutputs);
            ModelToXMLDumper dumper = PluginHelper.getModelToXMLDumper(camel);
            RouteConfigurationsDefinition configurations = new RouteConfigurationsDefinition();
            configurations.setRouteConfigurations(model.getRouteConfigurationDefinitions());
            RoutesDefinition routeDefinitions = new RoutesDefinition();
            routeDefinitions.setRoutes(model.getRouteDefinitions());
            return sortOptions(dumper.dumpBeansAsXml(camel, new ArrayList<>(model.getCustomBeans()))
                    + dumper.dumpModelAsXml(camel, configurations)
                    + dumper.dumpModelAsXml(camel, routeDefinitions));
        } finally {
            configuration.close();
        }
    }

    /** YAML's loader keys a bean's constructor arguments by text ("0"), XML's by number, which Camel's XML writer expects. */
    private static void numberConstructorArguments(BeanFactoryDefinition<?> bean) {
        if (bean.getConstructors() != null) {
            Map<Integer, Object> numbered = new TreeMap<>();
            ((Map<?, ?>) bean.getConstructors()).forEach((index, value) -> numbered.put(Integer.valueOf(index.toString()), value));
            bean.setConstructors(numbered);
        }
    }

    /**
     * YAML's loader keeps a doTry's doCatch clauses beside its steps, XML's among them, where Camel's XML
     * writer looks for them (it would leave YAML's out); both make the same processors.
     */
    private static void catchesAsOutputs(RouteDefinition route) {
        for (TryDefinition doTry : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), TryDefinition.class)) {
            for (CatchDefinition doCatch : doTry.getCatchClauses()) {
                if (!doTry.getOutputs().contains(doCatch)) {
                    doTry.getOutputs().add(doCatch);
                }
            }
        }
    }

    private static String sortOptions(String xml) {
        Matcher m = URI.matcher(xml);
        StringBuilder sorted = new StringBuilder();
        while (m.find()) {
            String[] options = m.group(2).split("&amp;");
            Arrays.sort(options);
            m.appendReplacement(sorted, Matcher.quoteReplacement("uri=\"" + m.group(1) + "?" + String.join("&amp;", options) + "\""));
        }
        return m.appendTail(sorted).toString();
    }
}
