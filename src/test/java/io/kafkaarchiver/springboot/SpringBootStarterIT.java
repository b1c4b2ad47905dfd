package io.kafkaarchiver.springboot;

import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static io.kafkaarchiver.archive.ArchiverIT.PARTITIONS;
import static org.assertj.core.api.Assertions.assertThat;

/** The archiver added to someone else's Camel Spring Boot application, beside its own route, on the real broker and S3 server. */
@ExtendWith(ArchiveTestEnvironment.class)
class SpringBootStarterIT {

    @TempDir
    Path workDir;

    /** The user's application: a route of its own, and nothing of the archiver's but the dependency and the settings. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class UserApplication {

        static final CountDownLatch TICKS = new CountDownLatch(3);

        @Bean
        RouteBuilder ticks() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:user-ticks?period=100").routeId("user-ticks").process(exchange -> TICKS.countDown());
                }
            };
        }
    }

    @Test
    void archivesBesideTheApplicationsOwnRouteWithHealthAndMetersInActuator(TestEnv env) throws Exception {
        String topic = env.topic("orders");
        env.kafka().createTopic(topic, PARTITIONS);
        int count = 400;
        ArchiverIT.produce(env, topic, 0, count);

        SpringApplication application = new SpringApplication(UserApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(applicationSettings(env, topic));
        // Here target/classes, with the runnable jar's application.properties, is on the classpath: the application would
        // read it as its own (the main artifact, which applications depend on, leaves it out).
        ConfigurableApplicationContext context = application.run("--spring.config.location=optional:classpath:/io/kafkaarchiver/springboot/");
        try {
            ArchiverIT.awaitArchived(env, topic, count);
            Deadline.await("the application's own route to tick", Duration.ofSeconds(10), () -> UserApplication.TICKS.getCount() == 0);

            Health camel = (Health) context.getBean(HealthEndpoint.class).healthForPath("camelHealth");
            assertThat(camel.getDetails()).as("Camel's health in Actuator").containsEntry("archive", "UP");

            PrometheusMeterRegistry meters = context.getBean(PrometheusMeterRegistry.class);
            assertThat(context.getBean(CamelContext.class).getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                    MeterRegistry.class)).as("the registry Camel's meters go to").isSameAs(meters);
            Deadline.await("the application's registry to count every record written", Duration.ofSeconds(10),
                    () -> meters.scrape().contains("kafka_archiver_records_written_total " + count + ".0"));
            assertThat(meters.scrape()).contains("kafka_archiver_partition_lag_records{partition=\"0\",topic=\"" + topic + "\"}");
        } finally {
            context.close();
        }
        // Closing the application stopped the consumer first: its partitions were handed off, every offset committed.
        ArchiverIT.awaitCommitted(env, topic, count);
    }

    /** The archiver's settings as the application's own (its application.yaml), and the Camel settings the README asks for. */
    private Properties applicationSettings(TestEnv env, String topic) throws Exception {
        Properties settings = new Properties();
        ArchiverIT.settings(env, workDir, "archive.topics", topic).forEach((key, value) -> {
            if (!key.toString().startsWith("camel.")) {
                settings.put(key, value);
            }
        });
        settings.setProperty("camel.main.shutdown-routes-in-reverse-order", "false");
        settings.setProperty("camel.routecontroller.enabled", "true");
        // Every check in Actuator's details, UP ones too (by default Camel shows those that are DOWN).
        settings.setProperty("camel.health.exposure-level", "full");
        settings.setProperty("management.endpoint.health.show-details", "always");
        return settings;
    }
}
