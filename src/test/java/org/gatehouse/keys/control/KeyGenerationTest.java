package org.gatehouse.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.ThumbprintUtils;
import java.time.Instant;
import org.gatehouse.keys.entity.StoredKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A generated key must survive storage whole (every private parameter exportable) and sign verifiably. */
class KeyGenerationTest {

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "ES384"})
    void aGeneratedKeySurvivesStorageAndItsSignaturesVerifyWithThePublishedKey(String algorithm) throws Exception {
        var generated = KeyRepository.generate(algorithm, 2048);
        var stored = JWK.parse(generated.toJSONString()); // what the repository keeps, encrypted

        assertTrue(stored.isPrivate(), "the private key is exportable");
        assertEquals(ThumbprintUtils.compute(stored).toString(), stored.getKeyID());
        if (stored instanceof RSAKey rsa) {
            assertEquals(2048, rsa.size());
            assertTrue(rsa.getFirstPrimeFactor() != null && rsa.getFirstCRTCoefficient() != null, "CRT parameters kept");
        } else {
            assertTrue(((ECKey) stored).getD() != null);
        }
        var alg = JWSAlgorithm.parse(algorithm);
        var jws = new JWSObject(new JWSHeader(alg), new Payload("{}"));
        jws.sign(SigningKeys.signer(new StoredKey(stored.getKeyID(), algorithm, Instant.EPOCH, stored)));
        var publicKey = stored.toPublicJWK();
        var verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jws.getHeader(),
                publicKey instanceof RSAKey r ? r.toRSAPublicKey() : ((ECKey) publicKey).toECPublicKey());
        assertTrue(jws.verify(verifier));
    }
}
