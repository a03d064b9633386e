package org.gatehouse.token.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.net.URI;
import java.net.URL;
import java.util.List;
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
 * RFC 8707 §2.2 at the code exchange, with the Nimbus SDK's token request carrying {@code resource}: {@code web} is
 * granted {@code openid api1 orders.read}, and the access token it redeems for {@code urn:orders} is for that API alone,
 * with its scope; an API outside the grant is {@code invalid_target}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResourceIndicatorsIT {

    private static final String REDIRECT = "https://web.example/signin-oidc";

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    private OidcFlow flow;

    @BeforeEach
    void flow() {
        flow = OidcFlow.confidential(base.toString().replaceAll("/$", ""), "web", REDIRECT, "openid api1 orders.read");
    }

    private HTTPResponse exchange(String... resources) {
        var redirect = new SignInFlow(base).authorize(flow.authorizationUri(), "alice", "alice");
        var code = flow.code(flow.response(redirect.headers().firstValue("Location").orElseThrow()));
        var request = new TokenRequest.Builder(flow.endpoint("/connect/token"), new ClientSecretBasic(flow.clientId,
                new Secret("secret")), new AuthorizationCodeGrant(code, flow.redirectUri, flow.verifier));
        for (String resource : resources) {
            request.resource(URI.create(resource));
        }
        return OAuthClient.send(request.build().toHTTPRequest());
    }

    @Test
    void theAccessTokenIsForTheIndicatedApiOfTheGrantWithItsScopes() throws Exception {
        var tokens = OidcFlow.tokens(exchange("urn:orders"));
        var access = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals(List.of("urn:orders"), access.getAudience());
        assertEquals("openid orders.read", access.getStringClaim("scope"), "api1 reaches no indicated API");
        assertEquals("openid orders.read", tokens.getAccessToken().getScope().toString());
        assertEquals("1", flow.validate(tokens).getSubject().getValue(), "the ID token is unchanged");
    }

    @Test
    void anApiOutsideTheGrantIsInvalidTarget() {
        var error = OidcFlow.tokenError(exchange("https://billing.example"));
        assertEquals("invalid_target", error.getCode());
        assertEquals(400, error.getHTTPStatusCode());
    }
}
