package io.kafkaarchiver.testkit;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run, and the certificates it signs for 127.0.0.1: servers
 * and clients trust each other through it, as they would through a company's CA.
 */
public final class TestCertificates {

    private static final X500Name CA_NAME = new X500Name("CN=kafka-archiver test CA");
    private static final Duration VALIDITY = Duration.ofDays(1);
    private static final AtomicLong SERIALS = new AtomicLong(1);

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final Path dir;

    private TestCertificates(KeyPair caKeys, X509Certificate caCertificate, Path dir) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.dir = dir;
    }

    /** A new CA, writing what it makes to {@code dir}. */
    public static TestCertificates newAuthority(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(CA_NAME, CA_NAME, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new TestCertificates(keys, sign(builder, keys.getPrivate()), dir);
    }

    /** The CA's certificate as a PEM file: a truststore Kafka reads with {@code ssl.truststore.type=PEM}. */
    public Path truststorePem() throws Exception {
        Path file = dir.resolve("ca.crt");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caCertificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return file;
    }

    /**
     * The CA's certificate, trusted, in a Java keystore of {@code type} (JKS or PKCS12) under {@code password}: a
     * truststore Kafka reads with {@code ssl.truststore.type} and {@code ssl.truststore.password}.
     */
    public Path truststore(String type, String password) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("ca", caCertificate);
        Path file = dir.resolve("ca." + type.toLowerCase(Locale.ROOT));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /**
     * A PKCS12 keystore holding a new key and its certificate for {@code 127.0.0.1} (good for a server
     * and a client), signed by this CA, under {@code password}.
     */
    public Path keystore(String commonName, String password) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(CA_NAME, new X500Name("CN=" + commonName), keys)
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509Certificate certificate = sign(builder, caKeys.getPrivate());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(commonName, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate, caCertificate});
        Path file = dir.resolve(commonName + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.getAndIncrement()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}
