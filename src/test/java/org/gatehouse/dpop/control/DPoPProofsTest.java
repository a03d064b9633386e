package org.gatehouse.dpop.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.keys.control.TestMacKeys;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.replay.control.TestReplayGuards;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/** RFC 9449 §4.3's checks, with proofs made by the Nimbus SDK's client-side factory. */
class DPoPProofsTest {

    private static final URI TOKEN = URI.create("https://id.example/connect/token");
    private static final URI USERINFO = URI.create("https://id.example/connect/userinfo");
    private static final Client IAT = Fixtures.validClient(Fixtures.m2m("iat"));
    private static final Client NONCE = Fixtures.validClient(Fixtures.m2m("nonce", "\"DPoPValidationMode\": \"Nonce\""));
    private static final Client BOTH = Fixtures.validClient(Fixtures.m2m("both", "\"DPoPValidationMode\": \"IatAndNonce\""));

    // The SDK's verifier reads the system clock for iat; the nonces follow this one, which starts there.
    private final MutableClock clock = new MutableClock(Instant.now());
    private final DPoPProofs proofs = new DPoPProofs();
    private final ECKey key;
    private final DefaultDPoPProofFactory factory;

    DPoPProofsTest() throws JOSEException {
        proofs.nonces = new DPoPNonces();
        proofs.nonces.macs = TestMacKeys.create("a-long-random-secret-0123456789");
        proofs.nonces.clock = clock;
        proofs.nonces.options = DPoPOptions.DEFAULTS;
        proofs.options = DPoPOptions.DEFAULTS;
        proofs.replays = TestReplayGuards.inMemory(clock);
        key = new ECKeyGenerator(Curve.P_256).generate();
        factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
    }

    private Outcome<Confirmation> atToken(Client client, SignedJWT proof) {
        return proofs.forTokenRequest(client, List.of(proof.serialize()), TOKEN);
    }

    private static String error(Outcome<?> outcome) {
        return outcome.fold(success -> "success", OAuthError::code);
    }

    @Test
    void aGoodProofConfirmsItsKeysThumbprint() throws JOSEException {
        var confirmation = atToken(IAT, factory.createDPoPJWT("POST", TOKEN)).fold(c -> c, e -> null);
        assertEquals(key.computeThumbprint().toString(), confirmation.jkt());
    }

    @Test
    void aProofIsAcceptedOnceOnly() throws JOSEException { // §11.1
        var proof = factory.createDPoPJWT("POST", TOKEN);
        assertEquals("success", error(atToken(IAT, proof)));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, proof)));
    }

    @Test
    void htmAndHtuMustBeThisRequests() throws JOSEException { // §4.3 checks 8, 9
        assertEquals("invalid_dpop_proof", error(atToken(IAT, factory.createDPoPJWT("GET", TOKEN))));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, factory.createDPoPJWT("POST", USERINFO))));
        assertEquals("success", error(proofs.forTokenRequest(IAT, List.of(factory.createDPoPJWT("POST", TOKEN).serialize()),
                URI.create(TOKEN + "?x=1#f"))), "the request's URI is compared without query and fragment");
    }

    @Test
    void iatMustBeWithinTheClockSkewAndTheProofsLifetime() throws JOSEException { // §4.3 check 11, Duende's modes
        var stale = Date.from(Instant.now().minus(Duration.ofMinutes(7)));
        var future = Date.from(Instant.now().plus(Duration.ofMinutes(6)));
        var slightlyOld = Date.from(Instant.now().minus(Duration.ofMinutes(5)));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, factory.createDPoPJWT(new JWTID(), "POST", TOKEN, stale, null))));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, factory.createDPoPJWT(new JWTID(), "POST", TOKEN, future, null))));
        assertEquals("success", error(atToken(IAT, factory.createDPoPJWT(new JWTID(), "POST", TOKEN, slightlyOld, null))),
                "DPoPClockSkew (5 minutes) plus the proof's lifetime (1 minute)");
    }

    @Test
    void nonceModeWantsAFreshServerNonceAndNotAGoodClock() throws JOSEException { // §8
        assertEquals("use_dpop_nonce", error(atToken(NONCE, factory.createDPoPJWT("POST", TOKEN))));
        assertEquals("use_dpop_nonce", error(atToken(NONCE, factory.createDPoPJWT("POST", TOKEN, new Nonce("made-up")))));
        String nonce = proofs.nonces.issue();
        var hourOld = Date.from(Instant.now().minus(Duration.ofHours(1)));
        assertEquals("success", error(atToken(NONCE, factory.createDPoPJWT(new JWTID(), "POST", TOKEN, hourOld, null,
                new Nonce(nonce)))), "Nonce mode: iat is not the client's burden");
        assertEquals("invalid_dpop_proof", error(atToken(BOTH, factory.createDPoPJWT(new JWTID(), "POST", TOKEN, hourOld,
                null, new Nonce(nonce)))), "IatAndNonce: both");
        assertEquals("success", error(atToken(BOTH, factory.createDPoPJWT("POST", TOKEN, new Nonce(nonce)))));

        clock.advance(DPoPOptions.DEFAULTS.nonceLifetime().plusSeconds(1)); // Duende's default: one minute
        assertEquals("use_dpop_nonce", error(atToken(NONCE, factory.createDPoPJWT("POST", TOKEN, new Nonce(nonce)))),
                "an expired nonce");
    }

    @Test
    void inIatModeANonceTheServerGaveOutIsAcceptedAndAnyOtherIsAnsweredWithAFreshOne() throws JOSEException { // §8
        String nonce = proofs.nonces.issue(); // every DPoP answer carries one, and clients use it from then on
        assertEquals("success", error(atToken(IAT, factory.createDPoPJWT("POST", TOKEN, new Nonce(nonce)))));
        assertEquals("success", error(proofs.forResourceRequest(IAT, List.of(factory.createDPoPJWT("GET", USERINFO,
                new DPoPAccessToken("token"), new Nonce(nonce)).serialize()), "GET", USERINFO, "token",
                Confirmation.dpop(key.computeThumbprint().toString()))), "at a resource too");
        assertEquals("use_dpop_nonce", error(atToken(IAT, factory.createDPoPJWT("POST", TOKEN, new Nonce("made-up")))));
    }

    /** Duende's DPoPOptions: a longer ProofTokenValidityDuration and a ServerClockSkew keep a nonce good for longer. */
    @Test
    void theNonceLifetimeIsTheProofValidityAndTheServerSkew() {
        proofs.nonces.options = new DPoPOptions(Duration.ofMinutes(2), Duration.ofSeconds(30), DPoPOptions.ALGORITHMS);
        String nonce = proofs.nonces.issue();
        clock.advance(Duration.ofSeconds(149));
        assertTrue(proofs.nonces.isFresh(nonce), "within 2 min 30 s");
        clock.advance(Duration.ofSeconds(2));
        assertFalse(proofs.nonces.isFresh(nonce), "past 2 min 30 s");
    }

    @Test
    void onlyTheSupportedAlgorithmsAreAcceptedAndNoneRefusesEveryProof() throws JOSEException { // SupportedDPoPSigningAlgorithms
        proofs.options = new DPoPOptions(Duration.ofMinutes(1), Duration.ZERO, List.of("RS256"));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, factory.createDPoPJWT("POST", TOKEN))), "ES256, not listed");
        proofs.options = new DPoPOptions(Duration.ofMinutes(1), Duration.ZERO, List.of());
        assertEquals("invalid_dpop_proof", error(atToken(IAT, factory.createDPoPJWT("POST", TOKEN))), "nothing listed");
    }

    @Test
    void noncesAreTheServersOwn() {
        String nonce = proofs.nonces.issue();
        assertTrue(proofs.nonces.isFresh(nonce));
        // One character of the MAC changed: its first, whose six bits all count (the last one's low bits may not, and
        // replacing it by a fixed letter left it unchanged one time in sixteen).
        int mac = nonce.indexOf('.') + 1;
        char other = nonce.charAt(mac) == 'A' ? 'B' : 'A';
        assertFalse(proofs.nonces.isFresh(nonce.substring(0, mac) + other + nonce.substring(mac + 1)), "a changed MAC");
        assertFalse(proofs.nonces.isFresh("zzzzzz." + nonce.substring(nonce.indexOf('.') + 1)), "another time, same MAC");
        var otherNode = new DPoPNonces();
        otherNode.macs = TestMacKeys.create("a-long-random-secret-0123456789");
        otherNode.clock = clock;
        otherNode.options = DPoPOptions.DEFAULTS;
        assertTrue(otherNode.isFresh(nonce), "any node with the same configuration accepts it");
    }

    @Test
    void oneHeaderHoldingAnAsymmetricallySignedDPoPJwt() throws Exception { // §4.3 checks 1-6
        var good = factory.createDPoPJWT("POST", TOKEN).serialize();
        assertEquals("send exactly one DPoP header", proofs.forTokenRequest(IAT, List.of(good, good), TOKEN)
                .fold(s -> "success", OAuthError::description));
        assertEquals("invalid_dpop_proof", error(proofs.forTokenRequest(IAT, List.of("e30.e30.sig"), TOKEN)));

        var claims = new JWTClaimsSet.Builder().jwtID("j").claim("htm", "POST").claim("htu", TOKEN.toString())
                .issueTime(new Date()).build();
        var wrongType = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .jwk(key.toPublicJWK()).build(), claims);
        wrongType.sign(new ECDSASigner(key));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, wrongType)), "typ must be dpop+jwt");

        var symmetric = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
                .build(), claims);
        symmetric.sign(new MACSigner(new byte[32]));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, symmetric)), "alg must be asymmetric");

        // The SDK will not build such a header: the JWT is put together by hand.
        var header = Base64URL.encode("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + key.toJSONString() + "}");
        var payload = Base64URL.encode(claims.toString());
        var signature = new ECDSASigner(key).sign(new JWSHeader.Builder(JWSAlgorithm.ES256).build(),
                (header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        var privateKeyInHeader = header + "." + payload + "." + signature;
        assertEquals("invalid_dpop_proof", error(proofs.forTokenRequest(IAT, List.of(privateKeyInHeader), TOKEN)),
                "jwk must be a public key");
    }

    @Test
    void atAResourceTheProofMustHashTheTokenAndHoldItsKey() throws JOSEException { // §7.1, §4.3 check 12
        var token = new DPoPAccessToken("the-access-token");
        var bound = Confirmation.dpop(key.computeThumbprint().toString());
        assertEquals("success", error(proofs.forResourceRequest(IAT, List.of(factory.createDPoPJWT("GET", USERINFO, token)
                .serialize()), "GET", USERINFO, token.getValue(), bound)));
        assertEquals("invalid_token", error(proofs.forResourceRequest(IAT, List.of(factory.createDPoPJWT("GET", USERINFO,
                new DPoPAccessToken("another-token")).serialize()), "GET", USERINFO, token.getValue(), bound)), "ath");
        var otherKey = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        assertEquals("invalid_token", error(proofs.forResourceRequest(IAT, List.of(otherKey.createDPoPJWT("GET", USERINFO,
                token).serialize()), "GET", USERINFO, token.getValue(), bound)), "the key the token is bound to");
        assertEquals("invalid_dpop_proof", error(proofs.forResourceRequest(IAT, List.of(factory.createDPoPJWT("GET", USERINFO)
                .serialize()), "GET", USERINFO, token.getValue(), bound)), "ath is required at a resource");
    }

    private static SignedJWT signed(JWK signer, JWSAlgorithm algorithm, String htm, String htu) throws JOSEException {
        var header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType("dpop+jwt")).jwk(signer.toPublicJWK()).build();
        var claims = new JWTClaimsSet.Builder().jwtID(new JWTID().getValue()).claim("htm", htm).claim("htu", htu)
                .issueTime(new Date()).build();
        var jwt = new SignedJWT(header, claims);
        jwt.sign(signer instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) signer));
        return jwt;
    }

    @Test
    void htuIsComparedAfterNormalizationAndWithoutQueryOrFragment() throws JOSEException { // §4.3 check 9, RFC 3986 §6.2
        assertEquals("success", error(atToken(IAT, signed(key, JWSAlgorithm.ES256, "POST", "https://id.example/connect/token?x=1#f"))),
                "a query and fragment in htu are ignored");
        assertEquals("success", error(atToken(IAT, signed(key, JWSAlgorithm.ES256, "POST", "HTTPS://ID.Example:443/connect/token"))),
                "scheme and host are case-insensitive, 443 is https's own port");
        assertEquals("invalid_dpop_proof", error(atToken(IAT, signed(key, JWSAlgorithm.ES256, "POST", "https://id.example/connect/Token"))),
                "the path is case-sensitive");
        assertEquals("invalid_dpop_proof", error(atToken(IAT, signed(key, JWSAlgorithm.ES256, "POST", "https://id.example:8443/connect/token"))));
        assertEquals("invalid_dpop_proof", error(atToken(IAT, signed(key, JWSAlgorithm.ES256, "POST", "not a uri"))));
    }

    @Test
    void aFapiClientsProofsUseItsProfilesAlgorithms() throws JOSEException { // FAPI 2.0 Security Profile §5.4.1
        var bank = Fixtures.validClient("{ \"ClientId\": \"bank\", \"FapiProfile\": \"Fapi2Security\", \"AllowedGrantTypes\":"
                + " [ \"client_credentials\" ], \"AllowedScopes\": [ \"api1\" ], \"ClientSecrets\": [ " + TestSecrets.jwk(key) + " ] }");
        var rsa = new RSAKeyGenerator(2048).generate();
        assertEquals("invalid_dpop_proof", error(atToken(bank, signed(rsa, JWSAlgorithm.RS256, "POST", TOKEN.toString()))));
        assertEquals("success", error(atToken(IAT, signed(rsa, JWSAlgorithm.RS256, "POST", TOKEN.toString()))), "others may");
        assertEquals("success", error(atToken(bank, signed(rsa, JWSAlgorithm.PS256, "POST", TOKEN.toString()))));
        assertEquals("success", error(atToken(bank, signed(key, JWSAlgorithm.ES256, "POST", TOKEN.toString()))));
    }
}
