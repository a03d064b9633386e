package org.gatehouse.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Other parties' signatures are verified on the native provider where it has the algorithm, else on the JDK's. */
class NativeCryptoTest {

    private static final byte[] INPUT = "header.payload".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rsaAndEcdsaVerifyNativelyAndPssOnTheJdkAndAllVerify() throws Exception {
        var nativeName = NativeCrypto.provider().map(p -> p.getName()).orElse(null);
        var rsa = new RSAKeyGenerator(2048).generate();
        var ec = new ECKeyGenerator(Curve.P_256).generate();
        for (var algorithm : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256}) {
            var header = new JWSHeader(algorithm);
            boolean isEc = JWSAlgorithm.Family.EC.contains(algorithm);
            Base64URL signature = isEc ? new ECDSASigner(ec).sign(header, INPUT) : new RSASSASigner(rsa).sign(header, INPUT);
            var verifier = NativeCrypto.verifierFactory().createJWSVerifier(header, isEc ? ec.toPublicKey() : rsa.toPublicKey());
            assertTrue(verifier.verify(header, INPUT, signature), algorithm.getName());
            var provider = verifier.getJCAContext().getProvider();
            if (algorithm.equals(JWSAlgorithm.PS256) || nativeName == null) {
                assertNull(provider, algorithm + " on the JDK's providers");
            } else {
                assertEquals(nativeName, provider.getName(), algorithm + " natively");
            }
        }
    }
}
