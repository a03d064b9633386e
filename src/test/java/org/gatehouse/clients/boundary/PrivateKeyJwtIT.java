package org.gatehouse.clients.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.gatehouse.testing.GatehouseWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * private_key_jwt (RFC 7523 §2.2) black-box, with the Nimbus SDK's {@link PrivateKeyJWT} as the client: the client
 * {@code signed.client} has a certificate secret (Duende's {@code X509CertificateBase64}) and signs with its key
 * ({@code src/test/resources/keys}, test only) at the token and introspection endpoints; a replayed assertion and
 * one for another audience are {@code invalid_client}, 401.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PrivateKeyJwtIT {

    private static final ClientID CLIENT = new ClientID("signed.client");

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    private AuthorizationServerMetadata metadata;

    @BeforeEach
    void discover() throws Exception {
        metadata = AuthorizationServerMetadata.resolve(new Issuer(base.toString().replaceAll("/$", "")));
    }

    private static RSAPrivateKey key() throws Exception {
        try (InputStream in = PrivateKeyJwtIT.class.getResourceAsStream("/keys/assertion-client.key")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    private PrivateKeyJWT assertion(URI audience) throws Exception {
        return new PrivateKeyJWT(CLIENT, audience, JWSAlgorithm.RS256, key(), null, null);
    }

    private HTTPResponse tokenRequest(PrivateKeyJWT assertion) throws IOException {
        return new TokenRequest(metadata.getTokenEndpointURI(), assertion, new ClientCredentialsGrant(), new Scope("api1"))
                .toHTTPRequest().send();
    }

    private static void assertInvalidClient(HTTPResponse response) throws Exception {
        assertEquals(401, response.getStatusCode(), response.getBody());
        var error = TokenErrorResponse.parse(response).getErrorObject();
        assertEquals("invalid_client", error.getCode());
    }

    @Test
    void discoveryOffersPrivateKeyJwtWithAsymmetricAlgorithms() {
        assertTrue(metadata.getTokenEndpointAuthMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT));
        assertTrue(metadata.getTokenEndpointJWSAlgs().contains(JWSAlgorithm.RS256));
        assertTrue(metadata.getTokenEndpointJWSAlgs().containsAll(List.of(JWSAlgorithm.PS256, JWSAlgorithm.ES256)));
        // One list serves every JWT method (RFC 8414 §2): MACs in it only because client_secret_jwt is offered too.
        assertEquals(metadata.getTokenEndpointAuthMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_JWT),
                metadata.getTokenEndpointJWSAlgs().stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains));
        assertTrue(metadata.getIntrospectionEndpointAuthMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT));
    }

    @Test
    void aSignedAssertionForTheIssuerOrTheTokenEndpointGetsTokensOnceAndIntrospects() throws Exception {
        var forIssuer = assertion(URI.create(metadata.getIssuer().getValue()));
        var issued = TokenResponse.parse(tokenRequest(forIssuer));
        assertTrue(issued.indicatesSuccess(), () -> issued.toErrorResponse().getErrorObject().toString());
        var token = ((AccessTokenResponse) issued).getTokens().getAccessToken();

        assertInvalidClient(tokenRequest(forIssuer)); // RFC 7523 §3: a jti is accepted once

        var forEndpoint = TokenResponse.parse(tokenRequest(assertion(metadata.getTokenEndpointURI())));
        assertTrue(forEndpoint.indicatesSuccess(), "OIDC Core §9: aud the token endpoint's URL");

        var introspected = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(),
                assertion(URI.create(metadata.getIssuer().getValue())), token).toHTTPRequest().send());
        assertTrue(introspected.indicatesSuccess());
        assertTrue(introspected.toSuccessResponse().isActive(), "the client introspects its own token");
    }

    @Test
    void anAssertionForAnotherServerIsInvalidClient() throws Exception {
        assertInvalidClient(tokenRequest(assertion(URI.create("https://login.other.example"))));
    }
}
