package org.gatehouse.jar.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.jar.control.RequestObjects.Unwrapped;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.testing.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request objects (RFC 9101, OIDC Core §6) as a client signs them with Nimbus: what the client's key signs for
 * Gatehouse is the request, once; any other key, audience, client, time or form is {@code invalid_request_object}.
 */
class RequestObjectsTest {

    private static final String ISSUER = "https://id.example";
    private static final String CALLBACK = "https://app.example/cb";
    private static final RSAKey KEY = generate();
    private static final RSAKey OTHER = generate();
    private static final String MAC_SECRET = "a shared secret of thirty-two bytes or more, for HS256";

    private final MutableClock clock = new MutableClock(Instant.now());
    private RequestObjects objects = TestRequestObjects.on(clock, Map.of("gatehouse.secrets.jar", MAC_SECRET));
    private HttpServer server;

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Client client(String clientId, String... fields) {
        return Fixtures.validClient("{ \"ClientId\": \"" + clientId + "\", \"AllowedGrantTypes\": [ \"authorization_code\" ],"
                + " \"RedirectUris\": [ \"" + CALLBACK + "\" ], \"AllowedScopes\": [ \"openid\", \"api1\" ], \"ClientSecrets\": [ "
                + TestSecrets.jwk(KEY) + ", { \"Type\": \"SharedSecretReference\", \"Value\": \"${gatehouse.secrets.jar}\" } ]"
                + String.join("", fields) + " }");
    }

    private static final Client WEB = client("web");

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** What a client puts in its request object: the request, for Gatehouse, from itself. */
    private static JWTClaimsSet.Builder request() {
        return new JWTClaimsSet.Builder().issuer("web").audience(ISSUER).claim("client_id", "web")
                .claim("response_type", "code").claim("redirect_uri", CALLBACK).claim("scope", "openid api1")
                .claim("state", "inside");
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        return signed(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    }

    private static String signed(RSAKey key, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        var jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Form sent(String... nameValues) {
        var form = new Form(Map.of()).with("client_id", "web");
        for (int i = 0; i < nameValues.length; i += 2) {
            form = form.with(nameValues[i], nameValues[i + 1]);
        }
        return form;
    }

    private Outcome<Unwrapped> unwrap(Client client, Form sent) {
        return objects.unwrap(client, sent, ISSUER, false);
    }

    private Unwrapped unwrapped(Client client, Form sent) {
        return unwrap(client, sent).fold(u -> u, e -> { throw new AssertionError(e.code() + ": " + e.description()); });
    }

    private OAuthError refused(Client client, Form sent) {
        return unwrap(client, sent).fold(u -> { throw new AssertionError("accepted " + u); }, e -> e);
    }

    @Test
    void theSignedObjectsClaimsAreTheRequestNumbersListsAndJsonIncluded() throws Exception {
        String claims = "{\"id_token\":{\"acr\":{\"essential\":true}}}";
        var object = signed(KEY, request().claim("max_age", 300).claim("resource", List.of("https://a.example", "https://b.example"))
                .claim("claims", com.nimbusds.jose.util.JSONObjectUtils.parse(claims)).build());
        var unwrapped = unwrapped(WEB, sent("request", object));
        assertTrue(unwrapped.signed());
        var parameters = unwrapped.parameters();
        assertEquals("inside", parameters.value("state").orElseThrow());
        assertEquals("300", parameters.value("max_age").orElseThrow());
        assertEquals(List.of("https://a.example", "https://b.example"), parameters.values("resource"));
        assertEquals(claims, parameters.value("claims").orElseThrow());
        assertTrue(parameters.value("request").isEmpty(), "the object is unwrapped");
        assertTrue(parameters.value("iss").isEmpty() && parameters.value("aud").isEmpty(), "JWT claims are no parameters");
    }

    @Test
    void anOpenIdRequestKeepsParametersSentBesideTheObjectWhereTheObjectIsSilent() throws JOSEException { // OIDC Core §6.3.3
        var object = signed(KEY, request().build());
        var merged = unwrapped(WEB, sent("request", object, "state", "outside", "login_hint", "alice")).parameters();
        assertEquals("inside", merged.value("state").orElseThrow(), "the object's value wins");
        assertEquals("alice", merged.value("login_hint").orElseThrow());

        var oauth = signed(KEY, request().claim("scope", "api1").build()); // RFC 9101 §6.3: only the object
        assertTrue(unwrapped(WEB, sent("request", oauth, "login_hint", "alice")).parameters().value("login_hint").isEmpty());
        var strict = client("strict", ", \"RequireRequestObject\": true");
        var theirs = signed(KEY, request().issuer("strict").claim("client_id", "strict").build());
        assertTrue(unwrapped(strict, sent("client_id", "strict", "request", theirs, "login_hint", "alice")).parameters()
                .value("login_hint").isEmpty(), "a client that requires request objects gets nothing else read");
        var pushed = objects.unwrap(WEB, sent("request", object, "login_hint", "alice"), ISSUER, true)
                .fold(u -> u.parameters(), e -> sent("login_hint", "refused"));
        assertTrue(pushed.value("login_hint").isEmpty(), "nor does a pushed request (RFC 9126 section 3)");
    }

    @Test
    void anotherKeyAudienceOrClientIsAnInvalidRequestObject() throws JOSEException {
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(OTHER, request().build()))).code());
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(KEY, request().audience((String) null)
                .build()))).code(), "aud is required (RFC 8725 section 3.9)");
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(KEY, request()
                .audience("https://other.example").build()))).code());
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(KEY, request().issuer("other").build()))).code());
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(KEY, request().claim("client_id", "other")
                .build()))).code());
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(KEY, request()
                .claim("request_uri", "https://app.example/r").build()))).code(), "OIDC Core section 6.1");
        assertEquals("invalid_request_object", refused(WEB, sent("request", "not.a.jwt")).code());
        assertEquals("invalid_request_object", refused(WEB, sent("request", "x".repeat(RequestObjects.MAX_LENGTH + 1))).code());
    }

    @Test
    void expiredNotYetValidAndReplayedObjectsAreRefused() throws JOSEException {
        var now = clock.instant();
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(KEY, request()
                .expirationTime(Date.from(now.minusSeconds(61))).build()))).code());
        assertEquals("invalid_request_object", refused(WEB, sent("request", signed(KEY, request()
                .notBeforeTime(Date.from(now.plusSeconds(61))).build()))).code());
        var once = signed(KEY, request().jwtID("j-1").expirationTime(Date.from(now.plusSeconds(300))).build());
        assertTrue(unwrapped(WEB, sent("request", once)).signed());
        var again = refused(WEB, sent("request", once));
        assertEquals("the request object was used before (its jti is known)", again.description());
    }

    @Test
    void aFapiClientsObjectIsPs256OrEs256WithABoundedRecentLifetime() throws JOSEException { // FAPI 2.0 MS §5.3.1
        var bank = Fixtures.validClient("{ \"ClientId\": \"bank\", \"FapiProfile\": \"Fapi2MessageSigning\","
                        + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"" + CALLBACK + "\" ],"
                        + " \"AllowedScopes\": [ \"openid\" ], \"ClientSecrets\": [ " + TestSecrets.jwk(KEY) + " ] }");
        var now = clock.instant();
        var bounded = request().issuer("bank").claim("client_id", "bank").notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
        var ps256 = signed(KEY, new JWSHeader.Builder(JWSAlgorithm.PS256).build(), bounded.build());
        assertTrue(unwrapped(bank, sent("client_id", "bank", "request", ps256)).signed());
        assertEquals("the client's FAPI 2.0 profile allows PS256 or ES256, not RS256", refused(bank, sent("client_id", "bank",
                "request", signed(KEY, bounded.build()))).description());
        var unbounded = signed(KEY, new JWSHeader.Builder(JWSAlgorithm.PS256).build(), request().issuer("bank")
                .claim("client_id", "bank").expirationTime(Date.from(now.plusSeconds(300))).build());
        assertEquals("invalid_request_object", refused(bank, sent("client_id", "bank", "request", unbounded)).code(), "no nbf");
        var longLived = signed(KEY, new JWSHeader.Builder(JWSAlgorithm.PS256).build(), bounded
                .expirationTime(Date.from(now.plusSeconds(3601))).build());
        assertEquals("invalid_request_object", refused(bank, sent("client_id", "bank", "request", longLived)).code(), "over 60 min");
    }

    @Test
    void aSharedSecretTheClientReferencesMacsItsObjects() throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), request().build());
        jwt.sign(new MACSigner(MAC_SECRET.getBytes(StandardCharsets.UTF_8)));
        assertTrue(unwrapped(WEB, sent("request", jwt.serialize())).signed());
    }

    @Test
    void unsignedObjectsOnlyForAClientThatAllowsThemAndNeverAsSigned() {
        var plain = new PlainJWT(request().build()).serialize();
        assertEquals("the request object must be signed (alg none is not accepted)", refused(WEB, sent("request", plain)).description());
        var lax = client("lax", ", \"AllowUnsignedRequestObjects\": true");
        var unwrapped = unwrapped(lax, sent("client_id", "lax", "request", new PlainJWT(request().issuer("lax")
                .claim("client_id", "lax").audience((String) null).build()).serialize()));
        assertFalse(unwrapped.signed());
        assertEquals("inside", unwrapped.parameters().value("state").orElseThrow());
    }

    @Test
    void encryptedObjectsAreRefusedUnlessSwitchedOn() throws JOSEException {
        var jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), request().build());
        jwt.encrypt(new RSAEncrypter(KEY.toRSAPublicKey()));
        assertEquals("encrypted request objects are not accepted here", refused(WEB, sent("request", jwt.serialize())).description());
    }

    /** The client's signed object, encrypted to {@code to} (RFC 9101 §6.1: sign, then encrypt). */
    private static String encrypted(RSAKey to, JWEAlgorithm algorithm, String inner) throws JOSEException {
        var jwe = new JWEObject(new JWEHeader.Builder(algorithm, EncryptionMethod.A256GCM).contentType("JWT").keyID(to.getKeyID())
                .build(), new Payload(inner));
        jwe.encrypt(new RSAEncrypter(to.toRSAPublicKey()));
        return jwe.serialize();
    }

    @Test
    void aSignedObjectEncryptedToGatehousesPublishedKeyIsDecryptedAndVerified() throws JOSEException { // RFC 9101 §6.1
        objects.serverKeys = TestSigningKeys.started(clock, true);
        var published = objects.serverKeys.publicKeys().getKeys().stream()
                .filter(key -> KeyUse.ENCRYPTION.equals(key.getKeyUse())).findFirst().orElseThrow().toRSAKey();
        assertEquals("RSA-OAEP-256", published.getAlgorithm().getName());
        var unwrapped = unwrapped(WEB, sent("request", encrypted(published, JWEAlgorithm.RSA_OAEP_256, signed(KEY, request().build()))));
        assertTrue(unwrapped.signed());
        assertEquals("inside", unwrapped.parameters().value("state").orElseThrow());

        assertEquals("the request object is not encrypted to a key of this server's", refused(WEB, sent("request",
                encrypted(OTHER, JWEAlgorithm.RSA_OAEP_256, signed(KEY, request().build())))).description());
        assertTrue(refused(WEB, sent("request", encrypted(published, JWEAlgorithm.RSA_OAEP, signed(KEY, request().build()))))
                .description().startsWith("a request object is encrypted with RSA-OAEP-256"), "not RSA-OAEP's SHA-1");
        assertTrue(refused(WEB, sent("request", encrypted(published, JWEAlgorithm.RSA_OAEP_256, signed(OTHER, request().build()))))
                .description().startsWith("the request object is not valid: Signed JWT rejected"),
                "encryption proves nothing of the sender: the inner object is verified as ever");
        assertEquals("the request object must be signed (alg none is not accepted)", refused(WEB, sent("request",
                encrypted(published, JWEAlgorithm.RSA_OAEP_256, new PlainJWT(request().build()).serialize()))).description());
    }

    @Test
    void anExplicitTypeIsRequiredUnderDuendesStrictJarValidationAndAnotherKindOfJwtIsNeverARequest() throws JOSEException {
        var typed = signed(KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).type(RequestObjects.TYPE).build(), request().build());
        var untyped = signed(KEY, request().build());
        var dpop = signed(KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("dpop+jwt")).build(),
                request().build());
        assertTrue(unwrapped(WEB, sent("request", typed)).signed());
        assertEquals("invalid_request_object", refused(WEB, sent("request", dpop)).code());
        objects.strict = true;
        assertTrue(unwrapped(WEB, sent("request", signed(KEY, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(RequestObjects.TYPE).build(), request().build()))).signed());
        assertEquals("invalid_request_object", refused(WEB, sent("request", untyped)).code());
    }

    @Test
    void switchedOffTheyAreNotSupportedAndTheTwoFormsCannotBeCombined() throws JOSEException {
        var object = signed(KEY, request().build());
        assertEquals("invalid_request", refused(WEB, sent("request", object, "request_uri", "https://app.example/r")).code());
        objects.features = new Features(EnumSet.complementOf(EnumSet.of(Feature.REQUEST_OBJECTS, Feature.JWT_REQUEST_URI)));
        assertEquals("request_not_supported", refused(WEB, sent("request", object)).code());
        assertEquals("request_uri_not_supported", refused(WEB, sent("request_uri", "https://app.example/r")).code());
        var plain = sent("scope", "openid");
        assertEquals(plain, unwrapped(WEB, plain).parameters(), "a request without an object is as sent");
    }

    // --- by reference: RFC 9101 §5.2, from the URIs the client registered ---

    /** A loopback server answering {@code /request.jwt} with {@code status}, {@code type} and {@code body}. */
    private String serve(int status, String type, String body) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var bytes = body.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", type);
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/request.jwt";
    }

    private Client fetching(String uri) {
        return client("web", ", \"RequestUris\": [ \"" + uri + "#hash\" ]");
    }

    @Test
    void anObjectIsFetchedFromARegisteredUriWithoutItsFragment() throws Exception {
        String uri = serve(200, "application/oauth-authz-req+jwt", signed(KEY, request().build()));
        var unwrapped = unwrapped(fetching(uri), sent("request_uri", uri + "#hash"));
        assertEquals("inside", unwrapped.parameters().value("state").orElseThrow());
        assertTrue(unwrapped.parameters().value("request_uri").isEmpty());
        assertEquals("invalid_request_uri", refused(fetching(uri), sent("request_uri", uri)).code(), "exact match, fragment too");
        assertEquals("invalid_request_uri", refused(WEB, sent("request_uri", uri + "#hash")).code(), "not registered");
    }

    @Test
    void aFailedRedirectedOversizedOrMistypedFetchIsAnInvalidRequestUri() throws Exception {
        for (int status : new int[] {404, 302}) {
            String uri = serve(status, "application/jwt", signed(KEY, request().build()));
            assertEquals("invalid_request_uri", refused(fetching(uri), sent("request_uri", uri + "#hash")).code(), "" + status);
            stop();
        }
        String big = serve(200, "application/jwt", "x".repeat(RequestObjects.MAX_LENGTH + 1));
        assertEquals("the request_uri's request object is longer than 20000 bytes",
                refused(fetching(big), sent("request_uri", big + "#hash")).description());
        stop();
        String jwt = serve(200, "application/jwt", signed(KEY, request().build()));
        assertTrue(unwrapped(fetching(jwt), sent("request_uri", jwt + "#hash")).signed());
        objects.strict = true; // RFC 9101 §10.2: the media type of a request object
        assertEquals("the request_uri must answer with Content-Type application/oauth-authz-req+jwt",
                refused(fetching(jwt), sent("request_uri", jwt + "#hash")).description());
        String closed = "http://127.0.0.1:1/request.jwt";
        assertEquals("the request_uri could not be fetched", refused(fetching(closed), sent("request_uri", closed + "#hash"))
                .description());
    }
}
