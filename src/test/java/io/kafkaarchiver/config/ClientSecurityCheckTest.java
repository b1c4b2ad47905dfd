package io.kafkaarchiver.config;

import io.kafkaarchiver.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** TLS stores and SASL logins a Kafka client would refuse, named at startup by their setting, and never a secret shown. */
class ClientSecurityCheckTest {

    private static final String STORE_PASSWORD = "store-pw-5e1d";
    private static final String WRONG_PASSWORD = "wrong-pw-77ab";
    private static final String LOGIN_PASSWORD = "login-pw-c03f";
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    @TempDir
    static Path dir;

    private static Path pem;
    private static Path pkcs12;
    private static Path jks;
    private static Path clientKeystore;

    @BeforeAll
    static void makeStores() throws Exception {
        TestCertificates ca = TestCertificates.newAuthority(dir.resolve("tls"));
        pem = ca.truststorePem();
        pkcs12 = ca.truststore("PKCS12", STORE_PASSWORD);
        jks = ca.truststore("JKS", STORE_PASSWORD);
        clientKeystore = ca.keystore("client", STORE_PASSWORD);
    }

    @Test
    void settingsTheProtocolDoesNotUseAreNotChecked() {
        assertPasses(Map.of("ssl.truststore.location", "/no/such/ca.p12"));
        assertPasses(Map.of("security.protocol", "SASL_PLAINTEXT", "ssl.truststore.location", "/no/such/ca.p12", "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", login(SCRAM, "username=\"archiver\" password=\"" + LOGIN_PASSWORD + "\"")));
        assertPasses(Map.of("security.protocol", "SSL", "sasl.jaas.config", SCRAM + " required;"));
        // An engine factory of one's own reads the ssl.* settings its own way; providers of one's own bring store types.
        assertPasses(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/no/such/ca.p12",
                "ssl.engine.factory.class", "com.example.OwnSslEngineFactory"));
        assertPasses(Map.of("security.protocol", "SSL", "ssl.truststore.type", "BCFKS", "ssl.truststore.location", pkcs12.toString(),
                "security.providers", "com.example.OwnProviderCreator"));
    }

    @Test
    void tlsWithoutATruststoreTrustsWhatTheJvmTrusts() {
        assertPasses(Map.of("security.protocol", "SSL"));
        assertPasses(Map.of("security.protocol", "sasl_ssl", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", login(SCRAM, "username=\"archiver\" password=\"" + LOGIN_PASSWORD + "\"")));
    }

    @Test
    void storesKafkaOpensPass() throws Exception {
        assertPasses(tls("ssl.truststore.type", "PEM", "ssl.truststore.location", pem.toString()));
        assertPasses(tls("ssl.truststore.type", "PKCS12", "ssl.truststore.location", pkcs12.toString(), "ssl.truststore.password", STORE_PASSWORD));
        // Java's JKS keystore, Kafka's default type, reads PKCS12 too.
        assertPasses(tls("ssl.truststore.location", pkcs12.toString(), "ssl.truststore.password", STORE_PASSWORD));
        // A JKS store shows its certificates without its password (then unchecked), and Kafka reads it so.
        assertPasses(tls("ssl.truststore.location", jks.toString()));
        assertPasses(tls("ssl.truststore.type", "PEM", "ssl.truststore.certificates", Files.readString(pem)));
        assertPasses(tls("ssl.truststore.type", "PEM", "ssl.truststore.location", pem.toString(), "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", clientKeystore.toString(), "ssl.keystore.password", STORE_PASSWORD, "ssl.key.password", STORE_PASSWORD));
    }

    @Test
    void aStoreFileThatIsNotThereIsNamed() {
        assertRefused(tls("ssl.truststore.location", "/no/such/ca.p12", "ssl.truststore.password", STORE_PASSWORD),
                "kafka.consumer.ssl.truststore.location: no such file: /no/such/ca.p12");
        assertRefused(tls("ssl.keystore.location", "/no/such/client.p12", "ssl.keystore.password", STORE_PASSWORD),
                "kafka.consumer.ssl.keystore.location: no such file: /no/such/client.p12");
        assertRefused(tls("ssl.truststore.location", ""), "kafka.consumer.ssl.truststore.location: must not be empty: name a file, or remove it");
    }

    @Test
    void aDirectoryOrAFileThatCannotBeReadIsNamed() throws Exception {
        assertRefused(tls("ssl.truststore.location", dir.toString()), "kafka.consumer.ssl.truststore.location: not a file: " + dir);

        Path locked = Files.copy(pkcs12, dir.resolve("locked.p12"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "a superuser reads any file");
        assertRefused(tls("ssl.truststore.location", locked.toString(), "ssl.truststore.password", STORE_PASSWORD),
                "kafka.consumer.ssl.truststore.location: cannot be read: " + locked);
    }

    @Test
    void aWrongStorePasswordNamesThePasswordSettingAndNeverShowsIt() {
        assertRefused(tls("ssl.truststore.type", "PKCS12", "ssl.truststore.location", pkcs12.toString(), "ssl.truststore.password", WRONG_PASSWORD),
                "kafka.consumer.ssl.truststore.password: is not the password of " + pkcs12);
        assertRefused(tls("ssl.truststore.location", jks.toString(), "ssl.truststore.password", WRONG_PASSWORD),
                "kafka.consumer.ssl.truststore.password: is not the password of " + jks);
        assertRefused(tls("ssl.keystore.type", "PKCS12", "ssl.keystore.location", clientKeystore.toString(), "ssl.keystore.password", WRONG_PASSWORD),
                "kafka.consumer.ssl.keystore.password: is not the password of " + clientKeystore);
    }

    @Test
    void aFileThatIsNotAStoreOfItsTypeNamesTheLocationAndTheType() {
        assertRefused(tls("ssl.truststore.location", pem.toString()), "kafka.consumer.ssl.truststore.location: " + pem
                + " is not a JKS store (type JKS, Kafka's default): set kafka.consumer.ssl.truststore.type to its type, JKS, PKCS12 or PEM");
        assertRefused(tls("ssl.keystore.type", "PKCS12", "ssl.keystore.location", pem.toString(), "ssl.keystore.password", STORE_PASSWORD),
                "kafka.consumer.ssl.keystore.location: " + pem + " is not a PKCS12 store (kafka.consumer.ssl.keystore.type=PKCS12):"
                        + " set kafka.consumer.ssl.keystore.type to its type, JKS, PKCS12 or PEM");
        assertRefused(tls("ssl.truststore.type", "PKCS13", "ssl.truststore.location", pkcs12.toString()),
                "kafka.consumer.ssl.truststore.type: 'PKCS13' is not a store type Kafka reads (JKS, PKCS12 or PEM)");
    }

    @Test
    void aPemStoreHoldsACertificateAndNoStorePassword() throws Exception {
        Path text = Files.writeString(dir.resolve("not-pem.crt"), "the CA's certificate goes here\n");
        Path damaged = Files.writeString(dir.resolve("damaged.crt"), "-----BEGIN CERTIFICATE-----\nMIIBdamaged\n-----END CERTIFICATE-----\n");

        assertRefused(tls("ssl.truststore.type", "PEM", "ssl.truststore.location", text.toString()),
                "kafka.consumer.ssl.truststore.location: " + text + " holds no certificate in PEM form (kafka.consumer.ssl.truststore.type=PEM)");
        assertThat(refusal(tls("ssl.truststore.type", "PEM", "ssl.truststore.location", damaged.toString())))
                .startsWith("kafka.consumer.ssl.truststore.location: " + damaged + " holds a certificate that cannot be read: ");
        assertRefused(tls("ssl.truststore.type", "PEM", "ssl.truststore.location", pem.toString(), "ssl.truststore.password", STORE_PASSWORD),
                "kafka.consumer.ssl.truststore.password: must not be set with a PEM truststore (Kafka refuses it): remove it");
        assertRefused(tls("ssl.keystore.type", "PEM", "ssl.keystore.location", pem.toString()),
                "kafka.consumer.ssl.keystore.location: " + pem + " holds no private key in PEM form");
    }

    @Test
    void aPkcs12TruststoreWithoutItsPasswordNamesThePassword() {
        assertRefused(tls("ssl.truststore.type", "PKCS12", "ssl.truststore.location", pkcs12.toString()),
                "kafka.consumer.ssl.truststore.password: missing: " + pkcs12 + " shows no trusted certificates without it"
                        + " (a PKCS12 truststore needs its password to show its certificates)");
        assertRefused(tls("ssl.truststore.location", pkcs12.toString()), "kafka.consumer.ssl.truststore.password: missing: " + pkcs12
                + " shows no trusted certificates without it (a PKCS12 truststore needs its password to show its certificates)");
    }

    @Test
    void aTruststoreThatTrustsNothingIsNamed() {
        // A keystore holds a key and its certificate chain, but no certificate trusted as such.
        assertRefused(tls("ssl.truststore.type", "PKCS12", "ssl.truststore.location", clientKeystore.toString(), "ssl.truststore.password", STORE_PASSWORD),
                "kafka.consumer.ssl.truststore.location: " + clientKeystore + " holds no trusted certificates");
    }

    @Test
    void aKeystoreOpensOnlyWithItsPasswordAndAPasswordNeedsItsStore() {
        assertRefused(tls("ssl.keystore.type", "PKCS12", "ssl.keystore.location", clientKeystore.toString()),
                "kafka.consumer.ssl.keystore.password: missing: Kafka opens the keystore " + clientKeystore + " only with its password");
        assertRefused(tls("ssl.keystore.password", STORE_PASSWORD), "kafka.consumer.ssl.keystore.password: is set, but"
                + " kafka.consumer.ssl.keystore.location is not (Kafka refuses it): name the store, or remove it");
        assertRefused(tls("ssl.truststore.password", STORE_PASSWORD), "kafka.consumer.ssl.truststore.password: is set, but"
                + " kafka.consumer.ssl.truststore.location is not (Kafka refuses it): name the store, or remove it");
    }

    @Test
    void aKeyThatDoesNotOpenNamesTheKeyPassword() {
        assertRefused(tls("ssl.keystore.type", "PKCS12", "ssl.keystore.location", clientKeystore.toString(), "ssl.keystore.password", STORE_PASSWORD,
                "ssl.key.password", WRONG_PASSWORD), "kafka.consumer.ssl.key.password: does not open the key in " + clientKeystore);
    }

    @Test
    void saslNeedsAJaasConfigUnlessTheJvmHasOne() {
        assertRefused(Map.of("security.protocol", "SASL_SSL"), "kafka.consumer.sasl.jaas.config: missing: security.protocol SASL_SSL logs in with it,"
                + " written like " + SCRAM + " required username=\"...\" password=\"...\";");

        String before = System.getProperty(JaasConfigCheck.JVM_LOGIN_CONFIG);
        System.setProperty(JaasConfigCheck.JVM_LOGIN_CONFIG, dir.resolve("kafka_client_jaas.conf").toString());
        try {
            assertPasses(Map.of("security.protocol", "SASL_PLAINTEXT"));
        } finally {
            if (before == null) {
                System.clearProperty(JaasConfigCheck.JVM_LOGIN_CONFIG);
            } else {
                System.setProperty(JaasConfigCheck.JVM_LOGIN_CONFIG, before);
            }
        }
    }

    @Test
    void aLoginByPasswordNeedsAUsernameAndAPassword() {
        assertRefused(sasl("SCRAM-SHA-512", login(SCRAM, "username=\"archiver\"")),
                "kafka.consumer.sasl.jaas.config: has no password option (ScramLoginModule logs in with username=\"...\" password=\"...\")");
        assertRefused(sasl("PLAIN", login(PLAIN, "password=\"" + LOGIN_PASSWORD + "\"")),
                "kafka.consumer.sasl.jaas.config: has no username option (PlainLoginModule logs in with username=\"...\" password=\"...\")");
        assertRefused(sasl("SCRAM-SHA-512", login(SCRAM, "username=\"archiver\" password=\"\"")),
                "kafka.consumer.sasl.jaas.config: has no password option (ScramLoginModule logs in with username=\"...\" password=\"...\")");
        // Kerberos and OAuth log in without a password option.
        assertPasses(sasl("GSSAPI", login("com.sun.security.auth.module.Krb5LoginModule", "useKeyTab=true keyTab=\"/etc/archiver.keytab\"")));
        assertPasses(sasl("OAUTHBEARER", login("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule", "")));
    }

    @Test
    void aLoginByPasswordNeedsAMechanismOfItsModule() {
        String scram = login(SCRAM, "username=\"archiver\" password=\"" + LOGIN_PASSWORD + "\"");
        assertRefused(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", scram), "kafka.consumer.sasl.mechanism: GSSAPI, Kafka's default,"
                + " is not a mechanism of ScramLoginModule (kafka.consumer.sasl.jaas.config): set it to SCRAM-SHA-256 or SCRAM-SHA-512");
        assertRefused(sasl("PLAIN", scram), "kafka.consumer.sasl.mechanism: 'PLAIN'"
                + " is not a mechanism of ScramLoginModule (kafka.consumer.sasl.jaas.config): set it to SCRAM-SHA-256 or SCRAM-SHA-512");
        assertPasses(sasl("PLAIN", login(PLAIN, "username=\"archiver\" password=\"" + LOGIN_PASSWORD + "\"")));
    }

    @Test
    void aJaasConfigKafkaCannotReadIsNamedWithoutTheWordsItHolds() {
        // The option's name is missing: Kafka takes the password for one, and quotes it in its reason.
        String message = refusal(sasl("SCRAM-SHA-512", SCRAM + " required username=\"archiver\" \"" + LOGIN_PASSWORD + "\";"));
        assertThat(message).startsWith("kafka.consumer.sasl.jaas.config: Kafka cannot read it: Value not specified for key in JAAS config (write it like ");
        assertRefused(sasl("SCRAM-SHA-512", SCRAM + " required username=\"archiver\" password=\"" + LOGIN_PASSWORD + "\""), "kafka.consumer.sasl.jaas.config:"
                + " Kafka cannot read it: JAAS config entry not terminated by semi-colon (write it like " + SCRAM + " required username=\"...\" password=\"...\";)");
    }

    @Test
    void theConnectionAndTheArchiversSettingsAreCheckedBeforeAnyClientIsMade() {
        Properties props = SettingsSource.load(dir, Map.of());
        props.setProperty("archive.topics", "orders");
        props.setProperty("kafka.consumer.security.protocol", "SSL");
        props.setProperty("kafka.consumer.ssl.truststore.location", "/no/such/ca.p12");

        assertThat(catchThrowableOfType(SettingsException.class, () -> KafkaConnection.from(props)))
                .hasMessage("kafka.consumer.ssl.truststore.location: no such file: /no/such/ca.p12");
        assertThat(catchThrowableOfType(SettingsException.class, () -> ArchiveSettings.from(props)))
                .hasMessage("kafka.consumer.ssl.truststore.location: no such file: /no/such/ca.p12");
    }

    private static Map<String, String> tls(String... keyValues) {
        Map<String, String> properties = new HashMap<>(Map.of("security.protocol", "SSL"));
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    private static Map<String, String> sasl(String mechanism, String jaasConfig) {
        return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", mechanism, "sasl.jaas.config", jaasConfig);
    }

    private static String login(String module, String options) {
        return module + " required " + options + ";";
    }

    private static void assertPasses(Map<String, String> properties) {
        assertThatCode(() -> ClientSecurityCheck.check(properties)).as(properties.toString()).doesNotThrowAnyException();
    }

    private static void assertRefused(Map<String, String> properties, String message) {
        assertThat(refusal(properties)).isEqualTo(message);
    }

    /** The message of the refusal, which shows none of the passwords. */
    private static String refusal(Map<String, String> properties) {
        SettingsException refused = catchThrowableOfType(SettingsException.class, () -> ClientSecurityCheck.check(properties));
        assertThat(refused).as("refused: " + properties.keySet()).isNotNull();
        assertThat(refused.getMessage()).doesNotContain(STORE_PASSWORD).doesNotContain(WRONG_PASSWORD).doesNotContain(LOGIN_PASSWORD);
        return refused.getMessage();
    }
}
