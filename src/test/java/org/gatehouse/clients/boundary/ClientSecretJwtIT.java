package org.gatehouse.clients.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.PayaraMicroProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * client_secret_jwt (RFC 7523 §2.2) black-box, with the Nimbus SDK's {@link ClientSecretJWT} as the client: the
 * client's {@code SharedSecretReference} names a MicroProfile Config property that the node's environment supplies
 * (GATEHOUSE_SECRETS_MAC_CLIENT), the way a container or a Payara password alias would.
 */
class ClientSecretJwtIT {

    private static final int PORT = Integer.getInteger("it.port.client-secret-jwt", 18344);
    private static final String SECRET = "an HS512 key needs 64 bytes: this shared secret has exactly that!";
    private static final ClientID CLIENT = new ClientID("mac.client");

    private static PayaraMicroProcess node;
    private static AuthorizationServerMetadata metadata;

    @BeforeAll
    static void start() throws Exception {
        var settings = Files.writeString(Files.createDirectories(Path.of("target/it-client-secret-jwt")).resolve("appsettings.json"), """
                { "IdentityServer": {
                    "ApiScopes": [ { "Name": "api1" } ],
                    "Clients": [ { "ClientId": "mac.client", "AllowedGrantTypes": [ "client_credentials" ], "AllowedScopes": [ "api1" ],
                      "ClientSecrets": [ { "Type": "SharedSecretReference", "Value": "${gatehouse.secrets.mac-client}" } ] } ] } }
                """);
        node = PayaraMicroProcess.start("client-secret-jwt", PORT, Map.of("gatehouse.settings-file", settings.toString(),
                        "gatehouse.key-management.encryption-key", "integration-tests-only"),
                Map.of("GATEHOUSE_SECRETS_MAC_CLIENT", SECRET), List.of()).awaitReady(Duration.ofMinutes(3));
        assertTrue(node.log().contains("Gatehouse started"), node.log());
        metadata = AuthorizationServerMetadata.resolve(new Issuer(node.baseUrl()));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static TokenResponse token(ClientAuthentication authentication) throws Exception {
        return TokenResponse.parse(OAuthClient.send(new TokenRequest(metadata.getTokenEndpointURI(), authentication,
                new ClientCredentialsGrant(), new Scope("api1")).toHTTPRequest()));
    }

    private static ClientSecretJWT mac(JWSAlgorithm algorithm, String secret) throws Exception {
        return new ClientSecretJWT(CLIENT, metadata.getTokenEndpointURI(), algorithm, new Secret(secret));
    }

    @Test
    void discoveryOffersTheMethodAndItsAlgorithms() {
        assertTrue(metadata.getTokenEndpointAuthMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_JWT));
        assertTrue(metadata.getTokenEndpointJWSAlgs().containsAll(List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)));
    }

    @Test
    void aMacdAssertionGetsATokenWithEveryHmacAlgorithm() throws Exception {
        for (var algorithm : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            var response = token(mac(algorithm, SECRET));
            assertInstanceOf(AccessTokenResponse.class, response, () -> algorithm + ": " + response.toErrorResponse().getErrorObject());
        }
    }

    @Test
    void theSameSecretWorksWithHttpBasicAndAtIntrospection() throws Exception {
        var token = assertInstanceOf(AccessTokenResponse.class, token(new ClientSecretBasic(CLIENT, new Secret(SECRET))))
                .getTokens().getAccessToken();
        var introspection = TokenIntrospectionResponse.parse(OAuthClient.send(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), mac(JWSAlgorithm.HS256, SECRET), token).toHTTPRequest()));
        assertTrue(assertInstanceOf(TokenIntrospectionSuccessResponse.class, introspection).isActive());
    }

    @Test
    void aReplayedAssertionOrAnotherSecretIsInvalidClient() throws Exception {
        var once = mac(JWSAlgorithm.HS256, SECRET);
        assertInstanceOf(AccessTokenResponse.class, token(once));
        for (var refused : List.of(once, mac(JWSAlgorithm.HS256, SECRET.replace('!', '?')))) {
            var error = assertInstanceOf(TokenErrorResponse.class, token(refused)).getErrorObject();
            assertEquals("invalid_client", error.getCode());
            assertEquals(401, error.getHTTPStatusCode());
        }
    }
}
