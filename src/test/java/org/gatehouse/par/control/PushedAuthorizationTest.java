package org.gatehouse.par.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.gatehouse.Fixtures;
import org.gatehouse.authorize.control.TestAuthorizeRequestValidators;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.dpop.control.TestDPoPProofs;
import org.gatehouse.jar.control.TestRequestObjects;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.junit.jupiter.api.Test;

/** {@code connect/par} (RFC 9126 §2): who may push, what is stored, and the errors in JSON. */
class PushedAuthorizationTest {

    private static final String CALLBACK = "https://app.example/callback";
    private static final Client WEB = Fixtures.validClient(Fixtures.client("web", "[ \"authorization_code\" ]",
            "\"RedirectUris\": [ \"" + CALLBACK + "\" ]", "\"AllowedScopes\": [ \"openid\", \"api1\" ]",
            "\"PushedAuthorizationLifetime\": 60"));
    private static final Client APP = Fixtures.validClient("{ \"ClientId\": \"app\", \"RequireClientSecret\": false,"
            + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"" + CALLBACK + "\" ],"
            + " \"AllowedScopes\": [ \"openid\" ] }");
    private static final String REQUEST = "redirect_uri=" + CALLBACK + "&response_type=code&scope=openid"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s";

    private final PushedAuthorization endpoint = new PushedAuthorization();
    {
        endpoint.authenticator = TestClientStores.authenticator(List.of(WEB, APP), Clock.systemUTC());
        endpoint.requests = TestPushedRequests.inMemory(Clock.systemUTC());
        endpoint.validator = TestAuthorizeRequestValidators.of(List.of(WEB, APP), endpoint.requests);
        endpoint.proofs = TestDPoPProofs.accepting(Clock.systemUTC());
        endpoint.features = Features.ALL;
        endpoint.requestObjects = TestRequestObjects.on(Clock.systemUTC());
    }

    private static final URI PAR = URI.create("https://id.example/connect/par");

    private Outcome<PushedRequests.Pushed> push(String authorization, String body, String... dpopProofs) {
        var form = FormParser.parseEncoded(body).fold(f -> f, e -> { throw new AssertionError(e.toString()); });
        return endpoint.push(new ClientChannel(authorization, Optional.empty(), "https://id.example", PAR), form,
                List.of(dpopProofs));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
    }

    @Test
    void anAuthenticatedClientsRequestIsStoredWithoutItsCredentialsForItsLifetime() {
        var pushed = push(basic("web", "secret"), REQUEST).fold(p -> p, e -> { throw new AssertionError(e.toString()); });
        assertEquals(Duration.ofSeconds(60), pushed.lifetime(), "the client's PushedAuthorizationLifetime");
        var stored = endpoint.requests.find("web", pushed.requestUri()).orElseThrow().parameters();
        assertEquals("web", stored.value("client_id").orElseThrow());
        assertFalse(stored.encoded().contains("secret"), stored.encoded());
        assertTrue(endpoint.requests.find("app", pushed.requestUri()).isEmpty(), "another client's");
    }

    @Test
    void aPublicClientPushesByItsClientIdForDuendesDefaultLifetime() {
        var pushed = push(null, "client_id=app&" + REQUEST).fold(p -> p, e -> { throw new AssertionError(e.toString()); });
        assertEquals(Duration.ofMinutes(10), pushed.lifetime());
    }

    private OAuthError error(String authorization, String body, String... dpopProofs) {
        return push(authorization, body, dpopProofs).fold(p -> { throw new AssertionError("pushed " + p); }, e -> e);
    }

    @Test
    void aDPoPProofBindsThePushedRequestsCodeToItsKey() throws Exception { // RFC 9449 §10.1
        var key = new ECKeyGenerator(Curve.P_256).generate();
        var proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        String jkt = key.computeThumbprint().toString();
        var pushed = push(basic("web", "secret"), REQUEST, proofs.createDPoPJWT("POST", PAR).serialize())
                .fold(p -> p, e -> { throw new AssertionError(e.toString()); });
        assertEquals(jkt, endpoint.requests.find("web", pushed.requestUri()).orElseThrow().parameters().value("dpop_jkt").orElseThrow());

        assertEquals("invalid_dpop_proof", error(basic("web", "secret"), REQUEST + "&dpop_jkt=" + "A".repeat(43),
                proofs.createDPoPJWT("POST", PAR).serialize()).code(), "dpop_jkt of another key");
        assertEquals("invalid_dpop_proof", error(basic("web", "secret"), REQUEST,
                proofs.createDPoPJWT("POST", URI.create("https://id.example/connect/token")).serialize()).code(), "htu");
    }

    @Test
    void whatTheAuthorizationEndpointWouldRefuseIsAnErrorInJson() { // §2.3
        assertEquals("invalid_client", error(basic("web", "wrong"), REQUEST).code());
        assertEquals("invalid_client", error(null, REQUEST).code(), "no client");
        assertEquals("invalid_request", error(basic("web", "secret"), "client_id=app&" + REQUEST).code(), "another client_id");
        var unregistered = error(basic("web", "secret"), REQUEST.replace(CALLBACK, "https://evil.example/cb"));
        assertEquals("invalid_request", unregistered.code());
        assertEquals("redirect_uri is not registered for this client", unregistered.description());
        assertEquals("invalid_scope", error(basic("web", "secret"), REQUEST.replace("scope=openid", "scope=admin")).code());
        assertEquals("invalid_request", error(basic("web", "secret"), REQUEST + "&request_uri=urn:x").code());
    }
}
