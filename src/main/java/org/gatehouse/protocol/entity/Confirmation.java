package org.gatehouse.protocol.entity;

import java.util.Map;
import java.util.Optional;

/**
 * The key a token is bound to (RFC 7800's {@code cnf}): for DPoP, the JWK SHA-256 thumbprint of the proof's key
 * (RFC 9449 §6, {@code jkt}). A token with a confirmation is only good in the hands of whoever holds the key.
 */
public record Confirmation(String jkt) {

    public static final String CLAIM = "cnf";

    /** RFC 9449 §5: the token endpoint's {@code token_type} for a DPoP-bound access token, and the scheme it is sent with. */
    public static final String DPOP = "DPoP";

    public Confirmation {
        if (jkt == null || jkt.isEmpty()) {
            throw new IllegalArgumentException("a confirmation needs its key thumbprint");
        }
    }

    /** The value of the {@code cnf} claim. */
    public Map<String, Object> claim() {
        return Map.of("jkt", jkt);
    }

    /** The confirmation in a token's claims, if it has one. */
    public static Optional<Confirmation> of(Map<String, Object> claims) {
        return claims.get(CLAIM) instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt && !jkt.isEmpty()
                ? Optional.of(new Confirmation(jkt))
                : Optional.empty();
    }

    /** RFC 9449 §5: {@code DPoP} for a bound access token, else RFC 6750's {@code Bearer}. */
    public static String tokenType(Optional<Confirmation> confirmation) {
        return confirmation.isPresent() ? DPOP : "Bearer";
    }
}
