package org.gatehouse.par.boundary;

import static org.gatehouse.testing.Pages.Page.CONSENT;
import static org.gatehouse.testing.Pages.Page.ERROR;
import static org.gatehouse.testing.Pages.Page.LOGIN;
import static org.gatehouse.testing.Pages.Page.RELYING_PARTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Prompt;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.gatehouse.testing.BrowserScenario;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.OidcFlow;
import org.junit.jupiter.api.Test;

/**
 * Pushed authorization requests in real Chromium: mvc pushes its request (Nimbus {@link PushedAuthorizationRequest}),
 * the browser opens the authorization endpoint with the {@code request_uri} alone, and the login and consent pages
 * carry it to the code. alice consents without remembering, as {@code SignInIT}'s tests do.
 */
class PushedAuthorizationBrowserIT extends BrowserScenario {

    private URI pushed(OidcFlow flow) throws Exception {
        var request = new PushedAuthorizationRequest(URI.create(issuer + "/connect/par"),
                new ClientSecretBasic(flow.clientId, new Secret("secret")), AuthenticationRequest.parse(flow.authorizationUri()));
        var response = PushedAuthorizationResponse.parse(OAuthClient.send(request.toHTTPRequest()));
        var requestUri = assertInstanceOf(PushedAuthorizationSuccessResponse.class, response).getRequestURI();
        return URI.create(issuer + "/connect/authorize?client_id=" + flow.clientId + "&request_uri="
                + URLEncoder.encode(requestUri.toString(), StandardCharsets.UTF_8));
    }

    @Test
    void thePagesCarryThePushedRequestToItsCodeAndAPushedPromptLoginAsksOnce() throws Exception {
        var flow = mvc("openid profile api1").with(request -> request.prompt(Prompt.Type.LOGIN));
        var byReference = pushed(flow);
        browser.open(byReference);
        assertEquals(LOGIN, pages.landing());
        assertEquals(CONSENT, pages.signIn("alice", "alice"), "prompt=login asked once, then consent");
        assertEquals(RELYING_PARTY, pages.allow(false));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        assertEquals("1", flow.validate(tokens).getSubject().getValue());

        browser.open(byReference);
        assertEquals(ERROR, pages.landing(), "the request_uri answers once");
    }
}
