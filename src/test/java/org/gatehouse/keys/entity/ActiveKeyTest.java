package org.gatehouse.keys.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.gatehouse.keys.entity.KeyRing.ActiveKey;
import org.junit.jupiter.api.Test;

class ActiveKeyTest {

    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().issuer("https://idp.example").subject("ünïcødé")
            .audience(List.of("urn:a", "urn:b")).issueTime(new Date(1_800_000_000_000L))
            .claim("scope", "api1 api2").claim("address", Map.of("street_address", "1 \"Quoted\" Road/\u2028")).build();

    @Test
    void rs256TokensAreWhatNimbusWouldSerializeAndVerifyWithThePublicKey() throws Exception {
        RSAKey jwk = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        var key = new ActiveKey("rsa-1", "RS256", new RSASSASigner(jwk));

        String token = key.sign(new JOSEObjectType("at+jwt"), CLAIMS);

        var parsed = SignedJWT.parse(token);
        assertTrue(parsed.verify(new RSASSAVerifier(jwk.toPublicJWK())));
        assertEquals(JWSAlgorithm.RS256, parsed.getHeader().getAlgorithm());
        assertEquals("rsa-1", parsed.getHeader().getKeyID());
        assertEquals("at+jwt", parsed.getHeader().getType().getType());
        assertEquals(CLAIMS.toJSONObject(), parsed.getJWTClaimsSet().toJSONObject());
        var nimbus = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("at+jwt")).build(), CLAIMS);
        nimbus.sign(new RSASSASigner(jwk));
        assertEquals(nimbus.serialize(), token, "RSA PKCS#1 v1.5 is deterministic: the same bytes as Nimbus's");
    }

    @Test
    void es256TokensWithoutTypeVerifyAndCarryNoTyp() throws Exception {
        ECKey jwk = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        var key = new ActiveKey("ec-1", "ES256", new ECDSASigner(jwk));

        var parsed = SignedJWT.parse(key.sign(null, CLAIMS));

        assertTrue(parsed.verify(new ECDSAVerifier(jwk.toPublicJWK())));
        assertEquals(JWSAlgorithm.ES256, parsed.getHeader().getAlgorithm());
        assertNull(parsed.getHeader().getType());
        assertEquals(64, parsed.getSignature().decode().length, "JOSE's R || S form, not DER");
        assertEquals(CLAIMS.toJSONObject(), parsed.getJWTClaimsSet().toJSONObject());
    }
}
