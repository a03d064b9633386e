package org.gatehouse.issuance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.CodeHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code at_hash} and {@code c_hash}: OIDC Core §3.1.3.6 (at_hash), §3.3.2.11 (c_hash). */
class IdentityTokenIssuerTest {

    /** OIDC Core Appendix A.3 / A.4: the example access token and its at_hash (RS256). */
    @Test
    void atHashOfTheSpecExample() {
        assertEquals("77QmUPtjPfzWtF2AnpK9RQ",
                IdentityTokenIssuer.leftHalfHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", JWSAlgorithm.RS256));
    }

    /** OIDC Core Appendix A.4 / A.6: the example code and its c_hash (RS256). */
    @Test
    void cHashOfTheSpecExample() {
        assertEquals("LDktKdoQak3Pk0cnXxCltA",
                IdentityTokenIssuer.leftHalfHash("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", JWSAlgorithm.RS256));
    }

    /** The hash follows the JWS algorithm's: SHA-256 for *256, SHA-384 for *384, SHA-512 for *512 (computed by Nimbus). */
    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})
    void hashesAgreeWithNimbus(String name) {
        var algorithm = JWSAlgorithm.parse(name);
        String token = "2YotnFZFEjr1zCsicMWpAA-" + name;
        assertEquals(AccessTokenHash.compute(new BearerAccessToken(token), algorithm).getValue(),
                IdentityTokenIssuer.leftHalfHash(token, algorithm));
        assertEquals(CodeHash.compute(new AuthorizationCode(token), algorithm).getValue(),
                IdentityTokenIssuer.leftHalfHash(token, algorithm));
    }

    @Test
    void hashLengthIsHalfTheDigest() { // base64url without padding of 16, 24 and 32 bytes
        assertEquals(22, IdentityTokenIssuer.leftHalfHash("x", JWSAlgorithm.ES256).length());
        assertEquals(32, IdentityTokenIssuer.leftHalfHash("x", JWSAlgorithm.ES384).length());
        assertEquals(43, IdentityTokenIssuer.leftHalfHash("x", JWSAlgorithm.RS512).length());
    }
}
