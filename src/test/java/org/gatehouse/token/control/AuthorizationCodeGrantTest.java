package org.gatehouse.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.issuance.entity.AuthorizationCode;
import org.gatehouse.issuance.entity.UserGrant;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PKCE check of the token request, RFC 7636 §4.5-4.6. */
class AuthorizationCodeGrantTest {

    /** RFC 7636 Appendix B (the challenge as the RFC prints it, and as SHA-256 gives it). */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static AuthorizationCode code(String challenge, String method) {
        return new AuthorizationCode("client", "https://app.example/callback", challenge, method, null,
                new UserGrant("alice", "sid", Instant.EPOCH, List.of("pwd")), List.of("openid"), List.of(), Set.of(),
                RequestedClaims.NONE, "family", null);
    }

    private static Form form(String verifier) {
        var parameters = new LinkedHashMap<String, List<String>>();
        parameters.put("grant_type", List.of("authorization_code"));
        parameters.put("code", List.of("handle"));
        if (verifier != null) {
            parameters.put("code_verifier", List.of(verifier));
        }
        return new Form(parameters);
    }

    private static OAuthError verify(String challenge, String method, String verifier) {
        // The error, or null when the verifier is accepted.
        return AuthorizationCodeGrant.verifyPkce(code(challenge, method), form(verifier).value("code_verifier"))
                .fold(verified -> null, error -> error);
    }

    @Test
    void theAppendixBVerifierMatchesItsS256Challenge() {
        assertNull(verify(CHALLENGE, "S256", VERIFIER));
    }

    @Test
    void s256AgreesWithNimbus() {
        for (var verifier : List.of(new CodeVerifier(), new CodeVerifier("~.-_".repeat(32)), new CodeVerifier("a".repeat(43)))) {
            String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
            assertNull(verify(challenge, "S256", verifier.getValue()), verifier.getValue());
        }
    }

    @Test
    void anotherVerifierIsInvalidGrant() {
        assertEquals("invalid_grant", verify(CHALLENGE, "S256", VERIFIER.replace('d', 'e')).code());
        assertEquals("invalid_grant", verify(CHALLENGE.toLowerCase(), "S256", VERIFIER).code());
    }

    @Test
    void theChallengeItselfIsNotAnS256Verifier() { // else an eavesdropped challenge would redeem the code
        assertEquals("invalid_grant", verify(CHALLENGE, "S256", CHALLENGE).code());
    }

    @Test
    void missingVerifierIsInvalidGrant() { // RFC 7636 §4.6
        assertEquals("invalid_grant", verify(CHALLENGE, "S256", null).code());
        assertEquals("invalid_grant", verify(CHALLENGE, "S256", "").code());
    }

    /** RFC 7636 §4.1: code-verifier = 43*128unreserved. */
    @ParameterizedTest
    @ValueSource(strings = {"short", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX", "dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk"})
    void malformedVerifierIsInvalidGrant(String verifier) {
        assertEquals("invalid_grant", verify(CHALLENGE, "S256", verifier).code());
    }

    @Test
    void verifierOf128CharactersIsAcceptedAnd129Refused() {
        assertNull(verify("a".repeat(128), "plain", "a".repeat(128)));
        assertEquals("invalid_grant", verify("a".repeat(128), "plain", "a".repeat(129)).code());
    }

    @Test
    void plainComparesTheVerifierWithTheChallenge() { // RFC 7636 §4.6: code_verifier == code_challenge
        assertNull(verify(VERIFIER, "plain", VERIFIER));
        assertEquals("invalid_grant", verify(VERIFIER, "plain", CHALLENGE).code());
        assertEquals("invalid_grant", verify(CHALLENGE, "plain", VERIFIER).code());
    }

    @Test
    void withoutChallengeNoVerifierIsNeeded() {
        assertNull(verify(null, null, null));
    }

    /** RFC 9700 §2.1.1: a code_verifier is accepted only if the authorization request had a code_challenge. */
    @Test
    void verifierWithoutChallengeIsInvalidGrant() {
        assertEquals("invalid_grant", verify(null, null, VERIFIER).code());
    }

    @Test
    void errorsAreInvalidGrantWithStatus400() { // RFC 6749 §5.2
        var error = verify(CHALLENGE, "S256", VERIFIER.substring(1) + "x");
        assertEquals("invalid_grant", error.code());
        assertEquals(400, error.status());
    }
}
