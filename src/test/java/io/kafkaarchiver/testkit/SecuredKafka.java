package io.kafkaarchiver.testkit;

import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A real broker secured as production clusters are: a SASL_SSL listener (SCRAM-SHA-512 over TLS) and an
 * SSL listener that requires a client certificate, both with certificates of a CA made for the run. Its
 * PLAINTEXT listener stays, for the test's own admin work (creating topics and the SCRAM user).
 */
public final class SecuredKafka implements AutoCloseable {

    public static final String USER = "archiver";
    private static final String MECHANISM = "SCRAM-SHA-512";
    private static final String STORE_PASSWORD = "store-secret";

    private final LocalKafka kafka;
    private final int saslSslPort;
    private final int sslPort;
    private final Path truststore;
    private final Path pkcs12Truststore;
    private final Path clientKeystore;

    private SecuredKafka(LocalKafka kafka, int saslSslPort, int sslPort, Path truststore, Path pkcs12Truststore, Path clientKeystore) {
        this.kafka = kafka;
        this.saslSslPort = saslSslPort;
        this.sslPort = sslPort;
        this.truststore = truststore;
        this.pkcs12Truststore = pkcs12Truststore;
        this.clientKeystore = clientKeystore;
    }

    /** Starts the broker in {@code dir} and creates {@link #USER} with {@code password} through the admin API. */
    public static SecuredKafka start(Path dir, String password) throws Exception {
        TestCertificates ca = TestCertificates.newAuthority(dir.resolve("tls"));
        Path truststore = ca.truststorePem();
        Map<String, String> tls = Map.of(
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", ca.keystore("broker", STORE_PASSWORD).toString(),
                "ssl.keystore.password", STORE_PASSWORD,
                "ssl.key.password", STORE_PASSWORD);
        Map<String, String> saslSsl = new HashMap<>(tls);
        saslSsl.put("sasl.enabled.mechanisms", MECHANISM);
        saslSsl.put(MECHANISM.toLowerCase() + ".sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        Map<String, String> mutualTls = new HashMap<>(tls);
        mutualTls.put("ssl.client.auth", "required");
        mutualTls.put("ssl.truststore.type", "PEM");
        mutualTls.put("ssl.truststore.location", truststore.toString());
        int saslSslPort = ChildJvm.freePort();
        int sslPort = ChildJvm.freePort();
        LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), List.of(
                new LocalKafka.Listener("SASL_SSL", "SASL_SSL", saslSslPort, saslSsl),
                new LocalKafka.Listener("SSL", "SSL", sslPort, mutualTls)));
        SecuredKafka secured = new SecuredKafka(kafka, saslSslPort, sslPort, truststore, ca.truststore("PKCS12", STORE_PASSWORD),
                ca.keystore("client", STORE_PASSWORD));
        try {
            secured.createUser(password);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        return secured;
    }

    private void createUser(String password) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        }
        // The credential reaches the SASL listener through the metadata log, a moment after the admin's answer.
        Properties settings = new Properties();
        settings.putAll(saslSslSettings(password));
        Map<String, Object> config = KafkaConnection.from(settings).clientConfig();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        Deadline.await(USER + " logging in over SASL_SSL", Duration.ofSeconds(30), () -> {
            try (Admin sasl = Admin.create(config)) {
                sasl.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return true;
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    /** The broker itself, whose PLAINTEXT listener the test uses for its own admin work. */
    public LocalKafka kafka() {
        return kafka;
    }

    /** Settings that reach the SASL_SSL listener as {@link #USER}: {@code kafka.brokers} and {@code kafka.consumer.*} only. */
    public Map<String, String> saslSslSettings(String password) {
        Map<String, String> s = trusting(saslSslPort, "SASL_SSL");
        s.put("kafka.consumer.sasl.mechanism", MECHANISM);
        s.put("kafka.consumer.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + USER + "\" password=\"" + password + "\";");
        return s;
    }

    /** Settings that reach the SSL listener with the client certificate the broker requires. */
    public Map<String, String> mutualTlsSettings() {
        Map<String, String> s = trusting(sslPort, "SSL");
        s.put("kafka.consumer.ssl.keystore.type", "PKCS12");
        s.put("kafka.consumer.ssl.keystore.location", clientKeystore.toString());
        s.put("kafka.consumer.ssl.keystore.password", STORE_PASSWORD);
        s.put("kafka.consumer.ssl.key.password", STORE_PASSWORD);
        return s;
    }

    /** {@code settings} trusting the CA through a PKCS12 truststore under its password, as the JVM's tools make them, not the PEM file. */
    public Map<String, String> withPkcs12Truststore(Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("kafka.consumer.ssl.truststore.type", "PKCS12");
        s.put("kafka.consumer.ssl.truststore.location", pkcs12Truststore.toString());
        s.put("kafka.consumer.ssl.truststore.password", STORE_PASSWORD);
        return s;
    }

    private Map<String, String> trusting(int port, String protocol) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.brokers", "127.0.0.1:" + port);
        s.put("kafka.consumer.security.protocol", protocol);
        s.put("kafka.consumer.ssl.truststore.type", "PEM");
        s.put("kafka.consumer.ssl.truststore.location", truststore.toString());
        return s;
    }

    @Override
    public void close() throws InterruptedException {
        kafka.close();
    }
}
