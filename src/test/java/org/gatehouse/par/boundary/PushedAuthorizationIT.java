package org.gatehouse.par.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.PushedAuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import java.net.URI;
import java.net.URL;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.OidcFlow;
import org.gatehouse.testing.SignInFlow;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pushed authorization requests (RFC 9126) black-box, with the Nimbus SDK's {@link PushedAuthorizationRequest} as the
 * client and {@link SignInFlow} as the browser: {@code par.web} (RequirePushedAuthorization) pushes, signs alice in by
 * its {@code request_uri}, redeems the code; the {@code request_uri} answers once, and the same request sent straight
 * to the authorization endpoint is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PushedAuthorizationIT {

    private static final String REDIRECT = "https://par.example/signin-oidc";

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    private AuthorizationServerMetadata metadata;
    private OidcFlow flow;

    @BeforeEach
    void discover() throws Exception {
        String issuer = base.toString().replaceAll("/$", "");
        metadata = AuthorizationServerMetadata.resolve(new Issuer(issuer));
        flow = OidcFlow.confidential(issuer, "par.web", REDIRECT, "openid api1");
    }

    private PushedAuthorizationResponse push(String secret) throws Exception {
        var request = new PushedAuthorizationRequest(metadata.getPushedAuthorizationRequestEndpointURI(),
                new ClientSecretBasic(flow.clientId, new Secret(secret)), AuthenticationRequest.parse(flow.authorizationUri()));
        return PushedAuthorizationResponse.parse(OAuthClient.send(request.toHTTPRequest()));
    }

    private URI byReference(URI requestUri) {
        return URI.create(metadata.getAuthorizationEndpointURI() + "?client_id=par.web&request_uri="
                + java.net.URLEncoder.encode(requestUri.toString(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void discoveryNamesTheEndpoint() {
        assertEquals(URI.create(base + "connect/par"), metadata.getPushedAuthorizationRequestEndpointURI());
    }

    @Test
    void aPushedRequestSignsInOnceByItsRequestUri() throws Exception {
        var pushed = assertInstanceOf(PushedAuthorizationSuccessResponse.class, push("secret"));
        assertTrue(pushed.getRequestURI().toString().startsWith("urn:ietf:params:oauth:request_uri:"), pushed.getRequestURI().toString());
        assertEquals(600, pushed.getLifetime());

        var browser = new SignInFlow(base);
        var redirect = browser.authorize(byReference(pushed.getRequestURI()), "alice", "alice");
        assertEquals(302, redirect.statusCode(), redirect.body());
        var tokens = flow.exchange(flow.code(flow.response(redirect.headers().firstValue("Location").orElseThrow())));
        assertNotNull(tokens.getIDToken());
        assertEquals("1", flow.validate(tokens).getSubject().getValue());

        var replayed = browser.get(byReference(pushed.getRequestURI()));
        assertEquals(400, replayed.statusCode(), "an error page, no redirect: " + replayed.headers().map());
        assertTrue(replayed.body().contains("invalid_request_uri") || replayed.body().contains("request_uri"), replayed.body());
    }

    @Test
    void aClientThatMustPushIsRefusedItsRequestSentStraightHere() {
        var redirect = new SignInFlow(base).get(flow.authorizationUri());
        assertEquals(302, redirect.statusCode(), redirect.body());
        assertEquals("invalid_request", flow.error(flow.response(redirect.headers().firstValue("Location").orElseThrow())).getCode());
    }

    @Test
    void aDPoPProofSentWithThePushIsCheckedAndAnsweredWithTheNextNonce() throws Exception { // RFC 9449 §10.1, §8.2
        var proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        var endpoint = metadata.getPushedAuthorizationRequestEndpointURI();
        var request = new PushedAuthorizationRequest(endpoint, new ClientSecretBasic(flow.clientId, new Secret("secret")),
                AuthenticationRequest.parse(flow.authorizationUri())).toHTTPRequest();
        request.setDPoP(proofs.createDPoPJWT("POST", endpoint));
        var created = OAuthClient.send(request);
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertNotNull(created.getHeaderValue("DPoP-Nonce"));

        var elsewhere = new PushedAuthorizationRequest(endpoint, new ClientSecretBasic(flow.clientId, new Secret("secret")),
                AuthenticationRequest.parse(flow.authorizationUri())).toHTTPRequest();
        elsewhere.setDPoP(proofs.createDPoPJWT("POST", URI.create(base + "connect/token")));
        var refused = assertInstanceOf(PushedAuthorizationErrorResponse.class, PushedAuthorizationResponse.parse(OAuthClient.send(elsewhere)));
        assertEquals("invalid_dpop_proof", refused.getErrorObject().getCode());
    }

    @Test
    void aWrongSecretIsInvalidClientAndPushesNothing() throws Exception {
        var error = assertInstanceOf(PushedAuthorizationErrorResponse.class, push("wrong")).getErrorObject();
        assertEquals("invalid_client", error.getCode());
        assertEquals(401, error.getHTTPStatusCode());
    }
}
