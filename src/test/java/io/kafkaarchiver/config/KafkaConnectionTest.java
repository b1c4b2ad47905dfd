package io.kafkaarchiver.config;

import java.nio.file.NoSuchFileException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Settings Kafka's client cannot be made with, which the startup check lets by, said in one line naming the setting. */
class KafkaConnectionTest {

    /** No broker listens here: the client fails while it is made, before it connects. */
    private static final String NOBODY = "127.0.0.1:1";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aTlsVersionTheJvmDoesNotKnowNamesTheProtocolSetting() {
        KafkaConnection connection = KafkaConnection.of(NOBODY, Map.of("security.protocol", "SSL", "ssl.protocol", "TLSv9"));

        assertThat(catchThrowableOfType(SettingsException.class, () -> connection.loginCheckClient(TIMEOUT).close()))
                .hasMessage("kafka.consumer.ssl.protocol: the Kafka client cannot be made with it: TLSv9 SSLContext not available");
    }

    @Test
    void aLoginModuleThatIsNotThereNamesTheJaasConfig() {
        KafkaConnection connection = KafkaConnection.of(NOBODY, Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "com.example.NoSuchLoginModule required;"));

        assertThat(catchThrowableOfType(SettingsException.class, () -> connection.loginCheckClient(TIMEOUT).close()))
                .hasMessage("kafka.consumer.sasl.jaas.config: the Kafka client cannot be made with it: No LoginModule found for com.example.NoSuchLoginModule");
    }

    @Test
    void kerberosWithoutTheBrokersServiceNameNamesTheServiceNameSetting() {
        KafkaConnection connection = KafkaConnection.of(NOBODY, Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/etc/archiver.keytab\";"));

        assertThat(catchThrowableOfType(SettingsException.class, () -> connection.loginCheckClient(TIMEOUT).close()))
                .hasMessage("kafka.consumer.sasl.kerberos.service.name: the Kafka client cannot be made with it: No serviceName defined in either JAAS or Kafka config");
    }

    /** As Kafka's admin client fails on a truststore file gone since the startup check. */
    @Test
    void aStoreFileKafkaCannotLoadNamesItsLocation() {
        KafkaException failure = new KafkaException("Failed to create new KafkaAdminClient", new KafkaException("Failed to create new NetworkClient",
                new KafkaException("Failed to load SSL keystore /etc/kafka/ca.p12 of type JKS", new NoSuchFileException("/etc/kafka/ca.p12"))));

        assertThat(ClientCreationFailure.named(failure, Map.of("ssl.truststore.location", "/etc/kafka/ca.p12")))
                .hasMessage("kafka.consumer.ssl.truststore.location: the Kafka client cannot be made with it:"
                        + " Failed to load SSL keystore /etc/kafka/ca.p12 of type JKS");
    }

    /** As verify says why it could not ask Kafka: Kafka's consumer names only its layers, the cause says why. */
    @Test
    void aConsumerThatCouldNotBeMadeSaysWhyInOneLine() {
        KafkaException failure = new KafkaException("Failed to construct kafka consumer", new KafkaException("Failed to create new NetworkClient",
                new KafkaException(new NoSuchAlgorithmException("TLSv9 SSLContext not available"))));

        assertThat(ClientCreationFailure.reason(failure)).isEqualTo("TLSv9 SSLContext not available");
    }
}
