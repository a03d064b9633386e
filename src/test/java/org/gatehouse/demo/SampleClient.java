package org.gatehouse.demo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sample web application that signs in with Gatehouse, for trying the demo configuration by hand: code
 * flow with PKCE, the ID token validated against the JWKS, UserInfo, refresh, and what a replayed
 * (stolen) one-time refresh token does. Uses the Nimbus OAuth SDK as a relying party would; listens on
 * 127.0.0.1:8090. Run with the README's command while Gatehouse runs on localhost:8080.
 */
public final class SampleClient {

    private static final Issuer ISSUER = new Issuer(System.getProperty("issuer", "http://localhost:8080"));
    private static final ClientID CLIENT = new ClientID("sample");
    private static final Secret SECRET = new Secret("secret");
    private static final URI CALLBACK = URI.create("http://localhost:8090/callback");

    private final OIDCProviderMetadata provider;
    private final Map<String, Object[]> pending = new ConcurrentHashMap<>(); // state -> {nonce, verifier}
    private volatile RefreshToken first;
    private volatile RefreshToken current;
    private volatile String idToken;

    private SampleClient(OIDCProviderMetadata provider) {
        this.provider = provider;
    }

    public static void main(String[] args) throws Exception {
        var client = new SampleClient(OIDCProviderMetadata.resolve(ISSUER));
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8090), 0);
        server.createContext("/", client::handle);
        server.start();
        System.out.println("Sample app on http://localhost:8090/ (signs in with " + ISSUER + ")");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/signin" -> signIn(exchange);
                case "/callback" -> callback(exchange);
                case "/refresh" -> show(exchange, "Refreshed", refresh(current));
                case "/replay" -> show(exchange, "Replayed the first refresh token",
                        "first token: " + refresh(first) + "\n\nthe latest token after that: " + refresh(current));
                default -> show(exchange, "Sample app", null);
            }
        } catch (Exception e) {
            show(exchange, "Error", e.toString());
        }
    }

    private void signIn(HttpExchange exchange) throws IOException {
        var state = new State();
        var nonce = new Nonce();
        var verifier = new CodeVerifier();
        pending.put(state.getValue(), new Object[] {nonce, verifier});
        var request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email", "api1", "offline_access"), CLIENT, CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        exchange.getResponseHeaders().add("Location", request.toURI().toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void callback(HttpExchange exchange) throws Exception {
        var response = AuthenticationResponseParser.parse(exchange.getRequestURI());
        var expected = pending.remove(response.getState() == null ? "" : response.getState().getValue());
        if (expected == null) {
            show(exchange, "Error", "unknown state");
            return;
        }
        if (!response.indicatesSuccess()) {
            show(exchange, "Sign-in failed", response.toErrorResponse().getErrorObject().toString());
            return;
        }
        var code = response.toSuccessResponse().getAuthorizationCode();
        var tokens = tokens(new AuthorizationCodeGrant(code, CALLBACK, (CodeVerifier) expected[1]));
        var claims = new IDTokenValidator(ISSUER, CLIENT, JWSAlgorithm.RS256, provider.getJWKSetURI().toURL())
                .validate(tokens.getOIDCTokens().getIDToken(), (Nonce) expected[0]);
        idToken = tokens.getOIDCTokens().getIDTokenString();
        first = current = tokens.getOIDCTokens().getRefreshToken();
        var userInfo = new UserInfoRequest(provider.getUserInfoEndpointURI(),
                (BearerAccessToken) tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send();
        show(exchange, "Signed in", "ID token (validated): " + claims.toJSONObject()
                + "\n\nUserInfo: " + userInfo.getBody()
                + "\n\nAccess token scope: " + tokens.getOIDCTokens().getAccessToken().getScope());
    }

    private String refresh(RefreshToken token) throws Exception {
        if (token == null) {
            return "sign in first";
        }
        var response = OIDCTokenResponseParser.parse(tokenRequest(new RefreshTokenGrant(token)).send());
        if (!response.indicatesSuccess()) {
            return response.toErrorResponse().getErrorObject().toJSONObject().toString();
        }
        current = response.toSuccessResponse().getTokens().getRefreshToken();
        return "new access token, expires in " + response.toSuccessResponse().getTokens().getAccessToken().getLifetime() + " s";
    }

    private OIDCTokenResponse tokens(AuthorizationGrant grant) throws Exception {
        var response = OIDCTokenResponseParser.parse(tokenRequest(grant).send());
        if (!response.indicatesSuccess()) {
            throw new IllegalStateException(response.toErrorResponse().getErrorObject().toJSONObject().toString());
        }
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    private com.nimbusds.oauth2.sdk.http.HTTPRequest tokenRequest(AuthorizationGrant grant) {
        return new TokenRequest(provider.getTokenEndpointURI(), new ClientSecretBasic(CLIENT, SECRET), grant)
                .toHTTPRequest();
    }

    private void show(HttpExchange exchange, String title, String text) throws IOException {
        String signOut = idToken == null ? "" : " · <a href=\"" + provider.getEndSessionEndpointURI()
                + "?id_token_hint=" + idToken + "&post_logout_redirect_uri=http://localhost:8090/\">Sign out</a>";
        String html = "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<h1>" + escape(title) + "</h1><p><a href=\"/signin\">Sign in</a> · <a href=\"/refresh\">Refresh</a>"
                + " · <a href=\"/replay\">Replay the first refresh token</a>" + signOut + "</p>"
                + (text == null ? "" : "<pre style=\"white-space:pre-wrap\">" + escape(text) + "</pre>");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
