package org.gatehouse.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by a test, with Bouncy Castle: a CA and the certificates it issues (RFC 8705 §2.1's PKI), and
 * self-signed ones (§2.2), each with its P-256 key; keystores and TLS socket factories for a client holding one.
 */
public final class TestCertificates {

    public static final char[] PASSWORD = "changeit".toCharArray();

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        /** The Base64 DER, as an {@code X509CertificateBase64} secret or a JWK's {@code x5c} holds it. */
        public String base64() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The PEM, as a proxy forwards it. */
        public String pem() {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der())
                    + "\n-----END CERTIFICATE-----\n";
        }

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Issues a certificate for {@code subject} signed by this one (a CA), valid from {@code from} to {@code to}. */
        public Issued issue(String subject, Instant from, Instant to) {
            return make(subject, certificate.getSubjectX500Principal(), keys, keyPair(), from, to, false);
        }

        public Issued issue(String subject) {
            return issue(subject, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
        }

        /** A PKCS#12 keystore holding this certificate and its key under {@code alias}. */
        public Path keyStore(Path file, String alias) {
            try (OutputStream out = Files.newOutputStream(file)) {
                var store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(alias, keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
                store.store(out, PASSWORD);
                return file;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A TLS client that presents this certificate and trusts {@code server}. */
        public SSLSocketFactory clientSocketFactory(X509Certificate server) {
            try {
                var store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
                var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(store, PASSWORD);
                var context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), trusting(server).getTrustManagers(), new SecureRandom());
                return context.getSocketFactory();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    public static Issued authority(String subject) {
        var keys = keyPair();
        return make(subject, new X500Principal(subject), keys, keys, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(2)), true);
    }

    public static Issued selfSigned(String subject) {
        var keys = keyPair();
        return make(subject, new X500Principal(subject), keys, keys, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)), false);
    }

    /** A server certificate for localhost and 127.0.0.1, self-signed. */
    public static Issued localhost() {
        var keys = keyPair();
        return make("CN=localhost", new X500Principal("CN=localhost"), keys, keys, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)), false);
    }

    /** A PKCS#12 trust store of {@code certificates}. */
    public static Path trustStore(Path file, List<X509Certificate> certificates) {
        try (OutputStream out = Files.newOutputStream(file)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            store.store(out, PASSWORD);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client without a certificate, trusting {@code server}. */
    public static SSLSocketFactory anonymousSocketFactory(X509Certificate server) {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, trusting(server).getTrustManagers(), new SecureRandom());
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrustManagerFactory trusting(X509Certificate server) throws GeneralSecurityException {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("server", server);
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued make(String subject, X500Principal issuer, KeyPair issuerKeys, KeyPair keys, Instant from,
            Instant to, boolean authority) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE), Date.from(from), Date.from(to),
                    new X500Principal(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (subject.equals("CN=localhost")) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
            return new Issued(new JcaX509CertificateConverter().getCertificate(builder.build(signer)), keys);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
