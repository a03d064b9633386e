package org.gatehouse.issuance.entity;

import java.util.List;
import java.util.Map;

/** A token Gatehouse issued and still honours, with its claims ({@code claims}: JSON names to JSON values). */
public record InspectedToken(Kind kind, Map<String, Object> claims) {

    public enum Kind {
        JWT_ACCESS_TOKEN,
        REFERENCE_ACCESS_TOKEN,
        REFRESH_TOKEN
    }

    public boolean isAccessToken() {
        return kind != Kind.REFRESH_TOKEN;
    }

    public String clientId() {
        return (String) claims.get("client_id");
    }

    /** {@code aud}, a string or an array in JWT claims. */
    public List<String> audiences() {
        Object aud = claims.get("aud");
        if (aud instanceof String single) {
            return List.of(single);
        }
        return aud instanceof List<?> many ? many.stream().map(String::valueOf).toList() : List.of();
    }
}
