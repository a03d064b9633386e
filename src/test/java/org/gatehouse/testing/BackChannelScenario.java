package org.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the back-channel ITs of introspection (RFC 7662) and revocation (RFC 7009) share: Gatehouse deployed at the
 * root (one Payara Micro per subclass), its endpoints, client-credentials tokens, and the Nimbus OAuth SDK's requests.
 * The API {@code urn:orders} introspects with its ApiSecrets; clients introspect and revoke their own tokens.
 * Configuration: src/test/resources/it/appsettings.json.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class BackChannelScenario {

    @Deployment(testable = false)
    public static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    protected URL base;

    protected String issuer;
    protected URI introspection;
    protected URI revocation;

    @BeforeEach
    protected void locate() {
        issuer = base.toString().replaceAll("/$", "");
        introspection = URI.create(issuer + "/connect/introspect");
        revocation = URI.create(issuer + "/connect/revocation");
    }

    /** The API {@code urn:orders}, authenticated with its ApiSecret. */
    protected static ClientAuthentication api() {
        return new ClientSecretBasic(new ClientID("urn:orders"), new Secret("secret"));
    }

    protected static ClientAuthentication client(String clientId) {
        return new ClientSecretBasic(new ClientID(clientId), new Secret("secret"));
    }

    /** An access token for the client, by the client-credentials grant. */
    protected String token(String clientId, String scope) throws Exception {
        var request = new TokenRequest(URI.create(issuer + "/connect/token"), client(clientId), new ClientCredentialsGrant(),
                new Scope(scope));
        return AccessTokenResponse.parse(request.toHTTPRequest().send()).getTokens().getAccessToken().getValue();
    }

    protected TokenIntrospectionSuccessResponse introspect(ClientAuthentication caller, String token) throws Exception {
        var http = new TokenIntrospectionRequest(introspection, caller, new TypelessAccessToken(token)).toHTTPRequest().send();
        assertEquals(200, http.getStatusCode(), http.getBody());
        return TokenIntrospectionResponse.parse(http).toSuccessResponse();
    }

    protected HTTPResponse revoke(ClientAuthentication caller, String token) throws Exception {
        return new TokenRevocationRequest(revocation, caller, new TypelessAccessToken(token)).toHTTPRequest().send();
    }

    protected static void assertError(HTTPResponse http, int status, String code) throws Exception {
        assertEquals(status, http.getStatusCode(), http.getBody());
        assertEquals(code, ErrorObject.parse(http).getCode());
        assertEquals("no-store", http.getHeaderValue("Cache-Control"));
    }
}
