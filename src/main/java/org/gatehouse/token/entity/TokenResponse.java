package org.gatehouse.token.entity;

import jakarta.json.spi.JsonProvider;

/** A successful access token response (RFC 6749 §5.1). */
public record TokenResponse(String accessToken, String tokenType, int expiresIn, String scope) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public String toJson() {
        var json = JSON.createObjectBuilder()
                .add("access_token", accessToken)
                .add("token_type", tokenType)
                .add("expires_in", expiresIn);
        if (!scope.isEmpty()) {
            json.add("scope", scope); // always sent, as Duende does, although §5.1 requires it only when narrowed
        }
        return json.build().toString();
    }
}
