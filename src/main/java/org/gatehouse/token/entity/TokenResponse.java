package org.gatehouse.token.entity;

import jakarta.json.spi.JsonProvider;

/** A successful access token response (RFC 6749 §5.1), with OIDC's {@code id_token} when one was issued. */
public record TokenResponse(String accessToken, String tokenType, int expiresIn, String scope, String refreshToken,
        String idToken) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public TokenResponse(String accessToken, String tokenType, int expiresIn, String scope) {
        this(accessToken, tokenType, expiresIn, scope, null, null);
    }

    public String toJson() {
        var json = JSON.createObjectBuilder();
        if (idToken != null) {
            json.add("id_token", idToken);
        }
        json.add("access_token", accessToken)
                .add("token_type", tokenType)
                .add("expires_in", expiresIn);
        if (refreshToken != null) {
            json.add("refresh_token", refreshToken);
        }
        if (!scope.isEmpty()) {
            json.add("scope", scope); // always sent, as Duende does, although §5.1 requires it only when narrowed
        }
        return json.build().toString();
    }
}
