package io.kafkaarchiver.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Opens the truststore and the keystore a Kafka client is given, as the client opens them (with their type and
 * password, Kafka's DefaultSslEngineFactory), and finds in them what the client needs.
 */
final class TlsStoreCheck {

    /** The type Kafka reads as PEM text rather than as a Java keystore; Kafka compares it as written. */
    private static final String PEM = "PEM";
    private static final Pattern PEM_CERTIFICATE = Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");

    private final Map<String, String> properties;

    private TlsStoreCheck(Map<String, String> properties) {
        this.properties = properties;
    }

    /** @throws SettingsException naming the first store setting the client would refuse */
    static void check(Map<String, String> properties) {
        TlsStoreCheck check = new TlsStoreCheck(properties);
        check.truststore();
        check.keystore();
    }

    private void truststore() {
        // Certificates given inline are no file to open: the client reads them itself.
        if (properties.containsKey(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG)) {
            return;
        }
        String location = properties.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        String password = properties.get(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        if (location == null) {
            if (password != null) {
                throw passwordWithoutStore(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
            }
            // No truststore: the JVM's default trust, as for a cluster with publicly signed certificates.
            return;
        }
        Path file = readableFile(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, location);
        String type = properties.getOrDefault(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, SslConfigs.DEFAULT_SSL_TRUSTSTORE_TYPE);
        if (PEM.equals(type)) {
            if (password != null) {
                throw new SettingsException(named(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG),
                        "must not be set with a PEM truststore (Kafka refuses it): remove it");
            }
            requireCertificate(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, file);
            return;
        }
        KeyStore store = open(Store.TRUSTSTORE, file, type, password);
        if (!holdsTrustedCertificate(store, file)) {
            // Java opens a PKCS12 store without its password, but shows none of its encrypted certificates:
            // the client would then trust nothing and fail at every connection.
            throw password == null
                    ? new SettingsException(named(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG), "missing: " + file
                            + " shows no trusted certificates without it (a PKCS12 truststore needs its password to show its certificates)")
                    : new SettingsException(named(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG), file + " holds no trusted certificates");
        }
    }

    private void keystore() {
        // A key given inline is no file to open: the client reads it itself.
        if (properties.containsKey(SslConfigs.SSL_KEYSTORE_KEY_CONFIG)) {
            return;
        }
        String location = properties.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        String password = properties.get(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
        if (location == null) {
            if (password != null) {
                throw passwordWithoutStore(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
            }
            return;
        }
        Path file = readableFile(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, location);
        String type = properties.getOrDefault(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, SslConfigs.DEFAULT_SSL_KEYSTORE_TYPE);
        if (PEM.equals(type)) {
            if (password != null) {
                throw new SettingsException(named(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG), "must not be set with a PEM keystore (Kafka refuses it):"
                        + " remove it, the key opens with " + named(SslConfigs.SSL_KEY_PASSWORD_CONFIG));
            }
            requireCertificate(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, file);
            if (!PEM_PRIVATE_KEY.matcher(read(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, file)).find()) {
                throw new SettingsException(named(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG), file + " holds no private key in PEM form");
            }
            return;
        }
        if (password == null) {
            throw new SettingsException(named(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG), "missing: Kafka opens the keystore "
                    + file + " only with its password");
        }
        KeyStore store = open(Store.KEYSTORE, file, type, password);
        requireKeysOpen(store, file, properties.getOrDefault(SslConfigs.SSL_KEY_PASSWORD_CONFIG, password));
    }

    /** The settings of one store: the truststore's or the keystore's. */
    private enum Store {
        TRUSTSTORE(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG),
        KEYSTORE(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);

        final String location;
        final String type;
        final String password;

        Store(String location, String type, String password) {
            this.location = location;
            this.type = type;
            this.password = password;
        }
    }

    private KeyStore open(Store settings, Path file, String type, String password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new SettingsException(named(settings.type), "'" + type + "' is not a store type Kafka reads (JKS, PKCS12 or PEM)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            // Java's keystores say a wrong password so: an IOException caused by a key they could not recover.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new SettingsException(named(settings.password), "is not the password of " + file);
            }
            throw notOfType(settings, file, type);
        } catch (GeneralSecurityException e) {
            throw new SettingsException(named(settings.location), file + " cannot be opened as a " + type + " store: " + e.getMessage());
        }
    }

    private SettingsException notOfType(Store settings, Path file, String type) {
        String typeSaid = properties.containsKey(settings.type) ? named(settings.type) + "=" + type : "type " + type + ", Kafka's default";
        return new SettingsException(named(settings.location), file + " is not a " + type + " store (" + typeSaid
                + "): set " + named(settings.type) + " to its type, JKS, PKCS12 or PEM");
    }

    private static boolean holdsTrustedCertificate(KeyStore store, Path file) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias)) {
                    return true;
                }
            }
            return false;
        } catch (KeyStoreException e) {
            throw new SettingsException(named(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG), file + " cannot be read: " + e.getMessage());
        }
    }

    /** The key manager the client makes opens every key of the keystore with the key password (the store's, unless given). */
    private void requireKeysOpen(KeyStore store, Path file, String keyPassword) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    store.getKey(alias, keyPassword.toCharArray());
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new SettingsException(named(SslConfigs.SSL_KEY_PASSWORD_CONFIG), properties.containsKey(SslConfigs.SSL_KEY_PASSWORD_CONFIG)
                    ? "does not open the key in " + file
                    : "missing: the key in " + file + " does not open with " + named(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG));
        } catch (GeneralSecurityException e) {
            throw new SettingsException(named(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG), "the key in " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** At least one certificate, as Kafka finds them in a PEM file, that Java reads. */
    private void requireCertificate(String locationSetting, String typeSetting, Path file) {
        Matcher certificate = PEM_CERTIFICATE.matcher(read(locationSetting, file));
        if (!certificate.find()) {
            throw new SettingsException(named(locationSetting), file + " holds no certificate in PEM form (" + named(typeSetting) + "=PEM)");
        }
        try {
            do {
                CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(Base64.getMimeDecoder().decode(certificate.group(1))));
            } while (certificate.find());
        } catch (CertificateException | IllegalArgumentException e) {
            throw new SettingsException(named(locationSetting), file + " holds a certificate that cannot be read: " + e.getMessage());
        }
    }

    private static Path readableFile(String setting, String location) {
        if (location.isEmpty()) {
            throw new SettingsException(named(setting), "must not be empty: name a file, or remove it");
        }
        Path file = Path.of(location);
        if (!Files.exists(file)) {
            throw new SettingsException(named(setting), "no such file: " + location);
        }
        if (!Files.isRegularFile(file)) {
            throw new SettingsException(named(setting), "not a file: " + location);
        }
        if (!Files.isReadable(file)) {
            throw new SettingsException(named(setting), "cannot be read: " + location);
        }
        return file;
    }

    private static String read(String setting, Path file) {
        try {
            // Any byte reads as a character: what is not PEM text just matches nothing.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new SettingsException(named(setting), "cannot be read: " + file + " (" + e.getMessage() + ")");
        }
    }

    private static SettingsException passwordWithoutStore(String password, String location) {
        return new SettingsException(named(password), "is set, but " + named(location) + " is not (Kafka refuses it): name the store, or remove it");
    }

    private static String named(String setting) {
        return ArchiveSettings.CONSUMER_PREFIX + setting;
    }
}
