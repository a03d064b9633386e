package org.gatehouse.testing;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A confidential client of one Gatehouse node, as the Nimbus OAuth SDK sends it: client credentials,
 * introspection (RFC 7662) and revocation (RFC 7009), authenticated with HTTP Basic. Every client of the
 * IT configurations has the secret "secret". Requests time out, so no test waits unbounded.
 */
public final class OAuthClient {

    private final String baseUrl;

    public OAuthClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The token endpoint's response to a client credentials request, whatever it is. */
    public HTTPResponse tokenResponse(String clientId, String scope) {
        return send(new TokenRequest(URI.create(baseUrl + "/connect/token"), basic(clientId), new ClientCredentialsGrant(),
                new Scope(scope)).toHTTPRequest());
    }

    /** An access token, or an AssertionError with the endpoint's answer. */
    public String accessToken(String clientId, String scope) {
        var http = tokenResponse(clientId, scope);
        try {
            TokenResponse response = TokenResponse.parse(http);
            if (!response.indicatesSuccess()) {
                throw new AssertionError("no token for " + clientId + ": " + http.getStatusCode() + " " + http.getBody());
            }
            return AccessTokenResponse.parse(http).getTokens().getAccessToken().getValue();
        } catch (ParseException e) {
            throw new AssertionError("not a token response: " + http.getStatusCode() + " " + http.getBody(), e);
        }
    }

    /** The introspection endpoint's response to {@code clientId} asking about {@code token}, whatever it is. */
    public HTTPResponse introspectionResponse(String clientId, String token) {
        return send(new TokenIntrospectionRequest(URI.create(baseUrl + "/connect/introspect"), basic(clientId),
                new BearerAccessToken(token)).toHTTPRequest());
    }

    /** Whether the node says the token is active, or an AssertionError when it does not answer as RFC 7662 says. */
    public boolean isActive(String clientId, String token) {
        var http = introspectionResponse(clientId, token);
        try {
            var response = TokenIntrospectionResponse.parse(http);
            if (!response.indicatesSuccess()) {
                throw new AssertionError("introspection failed: " + http.getStatusCode() + " " + http.getBody());
            }
            return response.toSuccessResponse().isActive();
        } catch (ParseException e) {
            throw new AssertionError("not an introspection response: " + http.getStatusCode() + " " + http.getBody(), e);
        }
    }

    /** The revocation endpoint's response (RFC 7009: 200 whether or not the token was known). */
    public HTTPResponse revoke(String clientId, String token) {
        return send(new TokenRevocationRequest(URI.create(baseUrl + "/connect/revocation"), basic(clientId),
                new BearerAccessToken(token)).toHTTPRequest());
    }

    private static ClientAuthentication basic(String clientId) {
        return new ClientSecretBasic(new ClientID(clientId), new Secret("secret"));
    }

    /** Sends with timeouts, so that no test waits unbounded; the other Nimbus-based test clients share it. */
    public static HTTPResponse send(HTTPRequest request) {
        request.setConnectTimeout(10_000);
        request.setReadTimeout(30_000);
        try {
            return request.send();
        } catch (IOException e) {
            throw new UncheckedIOException(request.getMethod() + " " + request.getURI(), e);
        }
    }
}
