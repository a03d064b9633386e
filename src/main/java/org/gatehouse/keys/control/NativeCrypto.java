package org.gatehouse.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Amazon Corretto Crypto Provider (AWS-LC through JNI), when it loads on this platform. It is given only
 * to Gatehouse's own signers and verifiers, never registered JVM-wide: the application server's other applications keep
 * their providers. A native library loads once per JVM, so after a redeploy into the same JVM it may
 * report itself unhealthy; signing then falls back to the JDK, and the log says so.
 */
public final class NativeCrypto {

    private static final Logger LOG = Logger.getLogger(NativeCrypto.class.getName());
    private static final Optional<Provider> PROVIDER = load();

    private NativeCrypto() {
    }

    /** The JCA names of the signature algorithms Gatehouse verifies natively: RSA PKCS#1 and ECDSA. */
    private static final Map<JWSAlgorithm, String> NATIVE_VERIFICATION = Map.of(JWSAlgorithm.RS256, "SHA256withRSA",
            JWSAlgorithm.RS384, "SHA384withRSA", JWSAlgorithm.RS512, "SHA512withRSA", JWSAlgorithm.ES256, "SHA256withECDSA",
            JWSAlgorithm.ES384, "SHA384withECDSA", JWSAlgorithm.ES512, "SHA512withECDSA");

    private static final JWSVerifierFactory VERIFIERS = verifiers();

    static Optional<Provider> provider() {
        return PROVIDER;
    }

    /**
     * Verifiers of other parties' signatures (client assertions): on the native provider for the algorithms it has,
     * on the JDK's for the rest. JDK 17 verifies P-256 in pure Java, at about a millisecond of a core each.
     */
    public static JWSVerifierFactory verifierFactory() {
        return VERIFIERS;
    }

    private static JWSVerifierFactory verifiers() {
        var jdk = new DefaultJWSVerifierFactory();
        var natively = PROVIDER.map(provider -> NATIVE_VERIFICATION.entrySet().stream()
                .filter(algorithm -> provider.getService("Signature", algorithm.getValue()) != null)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
        return new JWSVerifierFactory() {
            @Override
            public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
                var verifier = jdk.createJWSVerifier(header, key);
                if (natively.contains(header.getAlgorithm())) {
                    verifier.getJCAContext().setProvider(PROVIDER.get());
                }
                return verifier;
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return jdk.supportedJWSAlgorithms();
            }

            @Override
            public JCAContext getJCAContext() {
                return jdk.getJCAContext();
            }
        };
    }

    /**
     * A signer whose private key is already in the native provider's form: given a JDK key, the provider
     * would convert it on every signature, which costs more than the RSA operation itself.
     */
    static JWSSigner signer(JWK jwk, Provider provider) throws JOSEException, GeneralSecurityException {
        JWSSigner signer;
        if (jwk instanceof RSAKey rsa) {
            signer = new RSASSASigner((PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(rsa.toPrivateKey()));
        } else if (jwk instanceof ECKey ec) {
            signer = new ECDSASigner((PrivateKey) KeyFactory.getInstance("EC", provider).translateKey(ec.toPrivateKey()),
                    ec.getCurve());
        } else {
            throw new JOSEException("no native signer for " + jwk.getKeyType());
        }
        signer.getJCAContext().setProvider(provider);
        return signer;
    }

    private static Optional<Provider> load() {
        try {
            var accp = com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                LOG.info("Signing with the JDK's providers: the native provider did not load (" + accp.getLoadingError() + ")");
                return Optional.empty();
            }
            accp.assertHealthy();
            LOG.info("Signing with " + accp.getName() + " " + accp.getVersionStr() + " (native AWS-LC)");
            return Optional.of(accp);
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Signing with the JDK's providers: the native provider is unavailable (" + e + ")");
            return Optional.empty();
        }
    }
}
