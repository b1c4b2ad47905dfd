package io.kafkaarchiver.springboot;

import io.kafkaarchiver.config.SettingsException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CamelArchiverTest {

    @Test
    void aContextThatStopsItsRoutesInReverseIsRefusedNamingTheSetting() {
        DefaultCamelContext context = new DefaultCamelContext();

        assertThatThrownBy(() -> CamelArchiver.requireConsumerStoppedFirst(context)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("camel.main.shutdown-routes-in-reverse-order: must be false");

        context.getShutdownStrategy().setShutdownRoutesInReverseOrder(false);
        assertThatCode(() -> CamelArchiver.requireConsumerStoppedFirst(context)).doesNotThrowAnyException();
    }
}
