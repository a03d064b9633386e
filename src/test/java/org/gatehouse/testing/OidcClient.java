package org.gatehouse.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The relying party's side of the IT clients of src/test/resources/it/appsettings.json, with the Nimbus
 * SDK: authorization request URIs, parsing the answers, the token endpoint (confidential clients use HTTP
 * Basic with "secret", public ones send their client_id), and ID token validation against the JWKS.
 */
public final class OidcClient {

    /** The IT clients without a secret. */
    private static final Set<String> PUBLIC = Set.of("spa", "implicit", "plain", "dpop.spa");

    /** Each IT client's (first) registered redirect URI. */
    public static final Map<String, String> REDIRECT_URIS = Map.of(
            "mvc", "http://127.0.0.1:18480/signin-oidc",
            "spa", "http://127.0.0.1:18480/spa/callback",
            "hybrid", "http://127.0.0.1:18480/hybrid",
            "implicit", "http://127.0.0.1:18480/implicit",
            "pairwise", "http://127.0.0.1:18480/pairwise",
            "plain", "http://127.0.0.1:18480/plain",
            "nopkce", "http://127.0.0.1:18480/nopkce",
            "dpop.spa", "http://127.0.0.1:18480/dpop/callback");

    public final String issuer;
    public final URI authorizationEndpoint;
    public final URI tokenEndpoint;
    public final URI userInfoEndpoint;
    public final URI endSessionEndpoint;
    public final URL jwks;

    public OidcClient(URL base) {
        issuer = base.toString().replaceAll("/$", "");
        authorizationEndpoint = URI.create(issuer + "/connect/authorize");
        tokenEndpoint = URI.create(issuer + "/connect/token");
        userInfoEndpoint = URI.create(issuer + "/connect/userinfo");
        endSessionEndpoint = URI.create(issuer + "/connect/endsession");
        try {
            jwks = new URL(issuer + "/.well-known/openid-configuration/jwks");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static URI redirectUri(String clientId) {
        return URI.create(REDIRECT_URIS.get(clientId));
    }

    /** An authorization request exactly as given: name, value, name, value, … (form-encoded here). */
    public URI authorize(String... nameValues) {
        var query = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            query.append(query.length() == 0 ? "" : "&").append(encode(nameValues[i])).append('=').append(encode(nameValues[i + 1]));
        }
        return URI.create(authorizationEndpoint + "?" + query);
    }

    /** The S256 challenge of a verifier (RFC 7636 §4.2). */
    public static String s256(CodeVerifier verifier) {
        return com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256,
                verifier).getValue();
    }

    /** The authorization response a redirect carries (query or fragment), parsed by Nimbus. */
    public static AuthenticationResponse response(HttpResponse<String> redirect) {
        if (redirect.statusCode() != 302) {
            throw new AssertionError("not a redirect to the client: " + redirect.statusCode() + " "
                    + redirect.headers().map() + " " + redirect.body());
        }
        try {
            return AuthenticationResponseParser.parse(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not an authorization response: " + redirect.headers().firstValue("Location"), e);
        }
    }

    public static AuthenticationSuccessResponse success(HttpResponse<String> redirect) {
        var response = response(redirect);
        if (!response.indicatesSuccess()) {
            throw new AssertionError("authorization error: " + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        return response.toSuccessResponse();
    }

    // --- token endpoint -------------------------------------------------------------------------------

    public HTTPResponse exchange(String clientId, AuthorizationCode code, URI redirectUri, CodeVerifier verifier) {
        return token(clientId, new AuthorizationCodeGrant(code, redirectUri, verifier), null);
    }

    public HTTPResponse refresh(String clientId, String refreshToken, Scope scope) {
        return token(clientId, new RefreshTokenGrant(new RefreshToken(refreshToken)), scope);
    }

    public HTTPResponse token(String clientId, AuthorizationGrant grant, Scope scope) {
        var builder = PUBLIC.contains(clientId)
                ? new TokenRequest.Builder(tokenEndpoint, new ClientID(clientId), grant)
                : new TokenRequest.Builder(tokenEndpoint, new ClientSecretBasic(new ClientID(clientId), new Secret("secret")), grant);
        if (scope != null) {
            builder.scope(scope);
        }
        return OAuthClient.send(builder.build().toHTTPRequest());
    }

    /** A successful token response (its ID token null without the openid scope), or an AssertionError with what the endpoint said. */
    public static OIDCTokenResponse tokens(HTTPResponse http) {
        try {
            var response = OIDCTokenResponseParser.parse(http);
            if (!response.indicatesSuccess()) {
                throw new AssertionError("token error: " + http.getStatusCode() + " " + http.getBody());
            }
            if (response.toSuccessResponse() instanceof OIDCTokenResponse oidc) {
                return oidc;
            }
            var tokens = response.toSuccessResponse().getTokens(); // no openid scope: no ID token
            return new OIDCTokenResponse(new com.nimbusds.openid.connect.sdk.token.OIDCTokens(tokens.getAccessToken(),
                    tokens.getRefreshToken()), response.toSuccessResponse().getCustomParameters());
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not a token response: " + http.getStatusCode() + " " + http.getBody(), e);
        }
    }

    /** The error of an RFC 6749 §5.2 response (asserting it is one). */
    public static ErrorObject tokenError(HTTPResponse http) {
        try {
            var response = TokenErrorResponse.parse(http);
            return response.getErrorObject();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not a token error response: " + http.getStatusCode() + " " + http.getBody(), e);
        }
    }

    // --- ID tokens ------------------------------------------------------------------------------------

    /** OIDC Core §3.1.3.7: signature (JWKS), iss, aud, exp, iat and nonce, checked by Nimbus's validator. */
    public IDTokenClaimsSet validate(String clientId, String idToken, String nonce) {
        try {
            var validator = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId), JWSAlgorithm.RS256, jwks);
            return validator.validate(JWTParser.parse(idToken), nonce == null ? null : new Nonce(nonce));
        } catch (Exception e) {
            throw new AssertionError("invalid ID token: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
