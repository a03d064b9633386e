package org.gatehouse.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Amazon Corretto Crypto Provider (AWS-LC through JNI), when it loads on this platform. It is given only
 * to Gatehouse's own signers, never registered JVM-wide: the application server's other applications keep
 * their providers. A native library loads once per JVM, so after a redeploy into the same JVM it may
 * report itself unhealthy; signing then falls back to the JDK, and the log says so.
 */
final class NativeCrypto {

    private static final Logger LOG = Logger.getLogger(NativeCrypto.class.getName());
    private static final Optional<Provider> PROVIDER = load();

    private NativeCrypto() {
    }

    static Optional<Provider> provider() {
        return PROVIDER;
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
