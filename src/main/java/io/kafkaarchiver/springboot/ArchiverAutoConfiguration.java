package io.kafkaarchiver.springboot;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/** Adds the archiver to a Camel Spring Boot application, set up from its Environment (README: "Deploy into Spring Boot"). */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(CamelContextConfiguration.class)
public class ArchiverAutoConfiguration {

    /**
     * @param meterRegistry the application's Prometheus registry (Actuator's, with micrometer-registry-prometheus), where the
     *                      archiver's per-partition figures are made at each scrape; without one the meters are kept, not exposed
     */
    @Bean(destroyMethod = "close")
    CamelArchiver kafkaArchiver(ConfigurableEnvironment environment, ObjectProvider<PrometheusMeterRegistry> meterRegistry) throws Exception {
        return CamelArchiver.open(EnvironmentSettings.read(environment),
                meterRegistry.getIfUnique(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }
}
