package org.gatehouse.token.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URI;
import java.net.URL;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.testing.Http;
import org.gatehouse.testing.quickstartapi.QuickstartApi;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quickstart's last step: a Jakarta EE API protected by MicroProfile JWT accepts Gatehouse's tokens.
 * Payara's MP JWT demands {@code typ: JWT}, so this Gatehouse runs with {@code gatehouse.access-token-jwt-type=JWT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProtectedApiIT {

    @Deployment(name = "gatehouse", testable = false)
    @TargetsContainer("gatehouse-mp-jwt")
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @Deployment(name = "api", testable = false)
    @TargetsContainer("api")
    static WebArchive api() {
        return ShrinkWrap.create(WebArchive.class, "api.war").addPackage(QuickstartApi.class.getPackage());
    }

    @ArquillianResource
    @OperateOnDeployment("gatehouse")
    URL gatehouse;

    @ArquillianResource
    @OperateOnDeployment("api")
    URL api;

    @Test
    void apiAnswersTheClaimsOfAGatehouseToken() throws Exception {
        String token = token("client");
        assertEquals(JOSEObjectType.JWT, SignedJWT.parse(token).getHeader().getType());

        var response = Http.get(identity(), token);

        assertEquals(200, response.statusCode(), response.body());
        var claims = JSONObjectUtils.parse(response.body());
        assertEquals("client", claims.get("client_id"));
        assertEquals("client", claims.get("sub"));
        assertTrue(((String) claims.get("scope")).contains("api1"));
    }

    @Test
    void apiRefusesARequestWithoutToken() {
        assertEquals(401, Http.get(identity()).statusCode());
    }

    @Test
    void apiRefusesATamperedToken() throws Exception {
        String token = token("client");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];

        assertEquals(401, Http.get(identity(), forged).statusCode());
    }

    @Test
    void apiForbidsATokenWithoutScopeApi1() throws Exception {
        assertEquals(403, Http.get(identity(), token("client.api2")).statusCode());
    }

    private URI identity() {
        return URI.create(api.toString().replaceAll("/$", "") + "/identity");
    }

    private String token(String clientId) throws Exception {
        var request = new TokenRequest(URI.create(gatehouse.toString().replaceAll("/$", "") + "/connect/token"),
                new ClientSecretBasic(new ClientID(clientId), new Secret("secret")), new ClientCredentialsGrant(), null);
        return AccessTokenResponse.parse(request.toHTTPRequest().send()).getTokens().getAccessToken().getValue();
    }
}
