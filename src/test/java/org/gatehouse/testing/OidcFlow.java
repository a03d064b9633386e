package org.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.jwt.JWT;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One OpenID Connect sign-in as a relying party does it with the Nimbus SDK: the authorization request (code flow,
 * PKCE S256, fresh state and nonce), the authorization response (state and RFC 9207 {@code iss} checked), the code
 * exchange, ID token validation (signature against the JWKS, issuer, audience, expiry, nonce, {@code at_hash}),
 * userinfo and refresh. Confidential clients authenticate with HTTP Basic and the IT secret "secret"; public ones
 * send only their client_id.
 */
public final class OidcFlow {

    public final String issuer;
    public final ClientID clientId;
    public final URI redirectUri;
    public State state = new State();
    public final Nonce nonce = new Nonce();
    public final CodeVerifier verifier = new CodeVerifier();
    private final Secret secret;
    private final AuthenticationRequest.Builder request;

    private OidcFlow(String issuer, String clientId, Secret secret, String redirectUri, String scope) {
        this.issuer = issuer;
        this.clientId = new ClientID(clientId);
        this.secret = secret;
        this.redirectUri = URI.create(redirectUri);
        this.request = new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(scope), this.clientId, this.redirectUri)
                .endpointURI(endpoint("/connect/authorize"))
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
    }

    /** A confidential client (secret "secret", HTTP Basic). */
    public static OidcFlow confidential(String issuer, String clientId, String redirectUri, String scope) {
        return new OidcFlow(issuer, clientId, new Secret("secret"), redirectUri, scope);
    }

    /** A public client (no secret; client_id in the token request). */
    public static OidcFlow publicClient(String issuer, String clientId, String redirectUri, String scope) {
        return new OidcFlow(issuer, clientId, null, redirectUri, scope);
    }

    /** Adds to the authorization request (prompt, login_hint, response_mode, …). */
    public OidcFlow with(UnaryOperator<AuthenticationRequest.Builder> change) {
        change.apply(request);
        return this;
    }

    /** Another state than the random one, e.g. with characters that need encoding. */
    public OidcFlow state(State state) {
        this.state = state;
        request.state(state);
        return this;
    }

    /** The authorization request's parameters (for sending them by POST). */
    public Map<String, List<String>> authorizationParameters() {
        return request.build().toParameters();
    }

    public URI authorizationUri() {
        return request.build().toURI();
    }

    public URI endpoint(String path) {
        return URI.create(issuer + path);
    }

    // --- the authorization response ----------------------------------------------------------------

    /** The response in a request the relying party received (query, or form body for form_post). */
    public AuthorizationResponse response(RelyingParty.Request received) {
        assertEquals(redirectUri.getPath(), received.path(), "the response went to the redirect URI");
        try {
            return AuthorizationResponse.parse(redirectUri, received.parameters());
        } catch (ParseException e) {
            throw new AssertionError("not an authorization response: " + received, e);
        }
    }

    /** The response in an address (query or fragment), e.g. the browser's. */
    public AuthorizationResponse response(String address) {
        try {
            return AuthorizationResponse.parse(URI.create(address));
        } catch (ParseException e) {
            throw new AssertionError("not an authorization response: " + address, e);
        }
    }

    /** The code of a successful response whose state and issuer (RFC 9207) are right; an AssertionError otherwise. */
    public AuthorizationCode code(AuthorizationResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("authorization failed: " + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        assertEquals(state, response.getState(), "state returned unchanged");
        assertEquals(new Issuer(issuer), response.getIssuer(), "iss in the authorization response (RFC 9207)");
        var code = response.toSuccessResponse().getAuthorizationCode();
        assertNotNull(code, "a code");
        return code;
    }

    /** The error of a failed response whose state and issuer (RFC 9207) are right; an AssertionError otherwise. */
    public ErrorObject error(AuthorizationResponse response) {
        if (response.indicatesSuccess()) {
            throw new AssertionError("expected an error response, got " + response.toParameters());
        }
        assertEquals(state, response.getState(), "state returned unchanged with the error");
        assertEquals(new Issuer(issuer), response.getIssuer(), "iss in the error response (RFC 9207)");
        return response.toErrorResponse().getErrorObject();
    }

    // --- the token endpoint ------------------------------------------------------------------------

    public HTTPResponse tokenResponse(AuthorizationGrant grant) {
        var endpoint = endpoint("/connect/token");
        var token = secret == null ? new TokenRequest.Builder(endpoint, clientId, grant).build()
                : new TokenRequest.Builder(endpoint, new ClientSecretBasic(clientId, secret), grant).build();
        return OAuthClient.send(token.toHTTPRequest());
    }

    /** Exchanges the code (with the PKCE verifier) and returns the tokens; an AssertionError when refused. */
    public OIDCTokens exchange(AuthorizationCode code) {
        return tokens(tokenResponse(new AuthorizationCodeGrant(code, redirectUri, verifier)));
    }

    public HTTPResponse refreshResponse(RefreshToken refreshToken) {
        return tokenResponse(new RefreshTokenGrant(refreshToken));
    }

    /** The tokens of a successful token response; an AssertionError with the response otherwise. */
    public static OIDCTokens tokens(HTTPResponse http) {
        try {
            var response = OIDCTokenResponseParser.parse(http);
            if (!response.indicatesSuccess()) {
                throw new AssertionError("token request refused: " + http.getStatusCode() + " " + http.getBody());
            }
            return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        } catch (ParseException e) {
            throw new AssertionError("not a token response: " + http.getStatusCode() + " " + http.getBody(), e);
        }
    }

    /** The error of a refused token request (RFC 6749 §5.2); an AssertionError when it succeeded. */
    public static ErrorObject tokenError(HTTPResponse http) {
        try {
            return TokenErrorResponse.parse(http).getErrorObject();
        } catch (ParseException e) {
            throw new AssertionError("not a token error response: " + http.getStatusCode() + " " + http.getBody(), e);
        }
    }

    // --- ID token and userinfo ---------------------------------------------------------------------

    /**
     * Validates the ID token as OIDC Core §3.1.3.7 says (RS256 signature with a key of the JWKS, iss, aud, exp, iat,
     * nonce) and its {@code at_hash} against the access token (§3.1.3.8), and returns its claims.
     */
    public IDTokenClaimsSet validate(OIDCTokens tokens) {
        assertNotNull(tokens.getIDToken(), "an ID token");
        var claims = validate(tokens.getIDToken());
        assertNotNull(claims.getAccessTokenHash(), "at_hash in the ID token issued with an access token");
        try {
            AccessTokenValidator.validate(tokens.getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        } catch (Exception e) {
            throw new AssertionError("at_hash does not match the access token: " + e.getMessage(), e);
        }
        return claims;
    }

    /**
     * Validates an ID token from a refresh (OIDC Core §12.2): signature, iss, aud, exp, iat, and a nonce only if it
     * is the original one.
     */
    public IDTokenClaimsSet validateRefreshed(JWT idToken) {
        var claims = validate(idToken, null);
        if (claims.getNonce() != null) {
            assertEquals(nonce, claims.getNonce(), "a refreshed ID token's nonce, if any, is the original (OIDC Core §12.2)");
        }
        return claims;
    }

    /** Validates an ID token as OIDC Core §3.1.3.7 says (signature, iss, aud, exp, iat, nonce); no hash checked. */
    public IDTokenClaimsSet validate(JWT idToken) {
        return validate(idToken, nonce);
    }

    private IDTokenClaimsSet validate(JWT idToken, Nonce expectedNonce) {
        try {
            var validator = new IDTokenValidator(new Issuer(issuer), clientId, JWSAlgorithm.RS256,
                    new URL(issuer + "/.well-known/openid-configuration/jwks"));
            return validator.validate(idToken, expectedNonce);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new AssertionError("invalid ID token: " + e.getMessage() + " — " + idToken.serialize(), e);
        }
    }

    /** An OpenID Connect response (front-channel ID token and tokens) in an address, e.g. the browser's. */
    public AuthenticationSuccessResponse authenticationResponse(String address) {
        try {
            var response = AuthenticationResponseParser.parse(URI.create(address));
            if (!response.indicatesSuccess()) {
                throw new AssertionError("authentication failed: " + response.toErrorResponse().getErrorObject().toJSONObject());
            }
            assertEquals(state, response.getState(), "state returned unchanged");
            assertEquals(new Issuer(issuer), response.getIssuer(), "iss in the authorization response (RFC 9207)");
            return response.toSuccessResponse();
        } catch (ParseException e) {
            throw new AssertionError("not an authentication response: " + address, e);
        }
    }

    public HTTPResponse userInfoResponse(AccessToken accessToken) {
        return OAuthClient.send(new UserInfoRequest(endpoint("/connect/userinfo"), accessToken).toHTTPRequest());
    }

    /** The userinfo endpoint's claims; an AssertionError when it refuses the token. */
    public UserInfo userInfo(AccessToken accessToken) {
        var http = userInfoResponse(accessToken);
        try {
            var response = UserInfoResponse.parse(http);
            if (!response.indicatesSuccess()) {
                throw new AssertionError("userinfo refused: " + http.getStatusCode() + " " + http.getBody()
                        + " " + http.getHeaderMap().getOrDefault("WWW-Authenticate", List.of()));
            }
            return response.toSuccessResponse().getUserInfo();
        } catch (ParseException e) {
            throw new AssertionError("not a userinfo response: " + http.getStatusCode() + " " + http.getBody(), e);
        }
    }

    public static Map<String, List<String>> query(URI uri) {
        return RelyingParty.parse(uri.getRawQuery());
    }
}
