package org.gatehouse.jar.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
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
 * Request objects (RFC 9101) black-box, with the Nimbus SDK building the signed requests and {@link SignInFlow} as the
 * browser: {@code jar.web} (RequireRequestObject, a certificate secret) signs alice in with its request object by
 * value, by reference from its registered {@code RequestUris} (a loopback server on 127.0.0.1:18345) and pushed to
 * {@code connect/par}, and redeems each code; a plain request, a replayed object and a forged one are refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestObjectsIT {

    private static final String REDIRECT = "https://jar.example/signin-oidc";
    private static final int REQUEST_URI_PORT = 18345;

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    private String issuer;
    private OIDCProviderMetadata metadata;
    private OidcFlow flow;

    @BeforeEach
    void discover() throws Exception {
        issuer = base.toString().replaceAll("/$", "");
        metadata = OIDCProviderMetadata.resolve(new Issuer(issuer));
        flow = OidcFlow.confidential(issuer, "jar.web", REDIRECT, "openid api1");
    }

    /** signed.client's key, which jar.web's certificate secret also holds (test only). */
    private static RSAPrivateKey key() throws Exception {
        try (InputStream in = RequestObjectsIT.class.getResourceAsStream("/keys/assertion-client.key")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    /** The flow's request as a request object: its parameters, from jar.web, for Gatehouse, once. */
    private String requestObject(RSAPrivateKey key) throws Exception {
        var claims = new JWTClaimsSet.Builder(AuthenticationRequest.parse(flow.authorizationUri()).toJWTClaimsSet())
                .issuer("jar.web").audience(issuer).jwtID(UUID.randomUUID().toString())
                .expirationTime(new Date(System.currentTimeMillis() + 300_000)).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("oauth-authz-req+jwt"))
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private URI authorize(String parameters) {
        return URI.create(metadata.getAuthorizationEndpointURI() + "?client_id=jar.web&" + parameters);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Signs alice in at {@code authorize} and redeems the code: the tokens are alice's. */
    private void signsAliceIn(URI authorize) {
        var redirect = new SignInFlow(base).authorize(authorize, "alice", "alice");
        assertEquals(302, redirect.statusCode(), redirect.body());
        var tokens = flow.exchange(flow.code(flow.response(redirect.headers().firstValue("Location").orElseThrow())));
        assertEquals("1", flow.validate(tokens).getSubject().getValue());
    }

    @Test
    void discoveryAdvertisesBothFormsAndTheAlgorithms() {
        assertTrue(metadata.supportsRequestParam());
        assertTrue(metadata.supportsRequestURIParam());
        assertTrue(metadata.requiresRequestURIRegistration());
        assertTrue(metadata.getRequestObjectJWSAlgs().containsAll(java.util.List.of(JWSAlgorithm.PS256, JWSAlgorithm.ES256)));
    }

    @Test
    void aSignedRequestObjectSignsInOnceAndItsReplayIsRefused() throws Exception {
        String object = requestObject(key());
        signsAliceIn(authorize("request=" + encoded(object)));
        var replayed = new SignInFlow(base).get(authorize("request=" + encoded(object)));
        assertEquals(302, replayed.statusCode(), replayed.body());
        assertEquals("invalid_request_object", flow.error(flow.response(replayed.headers().firstValue("Location").orElseThrow()))
                .getCode());
    }

    @Test
    void aRequestObjectByReferenceIsFetchedFromTheRegisteredUri() throws Exception {
        String object = requestObject(key());
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", REQUEST_URI_PORT), 0);
        server.createContext("/request.jwt", exchange -> {
            byte[] body = object.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/oauth-authz-req+jwt");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            signsAliceIn(authorize("request_uri=" + encoded("http://127.0.0.1:" + REQUEST_URI_PORT + "/request.jwt")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRequestObjectPushedToParIsTheWholeRequest() throws Exception { // RFC 9126 §3, as FAPI 2.0 Message Signing sends it
        var jar = new AuthenticationRequest.Builder(SignedJWT.parse(requestObject(key())), flow.clientId)
                .endpointURI(metadata.getAuthorizationEndpointURI()).build();
        var pushed = assertInstanceOf(PushedAuthorizationSuccessResponse.class, PushedAuthorizationResponse.parse(OAuthClient.send(
                new PushedAuthorizationRequest(metadata.getPushedAuthorizationRequestEndpointURI(),
                        new ClientSecretBasic(flow.clientId, new Secret("secret")), jar).toHTTPRequest())));
        signsAliceIn(authorize("request_uri=" + encoded(pushed.getRequestURI().toString())));
    }

    @Test
    void aPlainOrForgedRequestIsRefusedAtTheRedirectUri() throws Exception {
        var plain = new SignInFlow(base).get(flow.authorizationUri());
        assertEquals(302, plain.statusCode(), plain.body());
        assertEquals("invalid_request", flow.error(flow.response(plain.headers().firstValue("Location").orElseThrow())).getCode());

        var forger = (RSAPrivateKey) java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        var forged = new SignInFlow(base).get(authorize("request=" + encoded(requestObject(forger))));
        assertEquals(302, forged.statusCode(), forged.body());
        assertEquals("invalid_request_object", flow.error(flow.response(forged.headers().firstValue("Location").orElseThrow()))
                .getCode());
    }
}
