package org.gatehouse.protocol.entity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys a token is bound to (RFC 7800's {@code cnf}): the JWK SHA-256 thumbprint of a DPoP proof's key (RFC 9449
 * §6, {@code jkt}), the SHA-256 thumbprint of a TLS client certificate (RFC 8705 §3.1, {@code x5t#S256}), or both. A
 * token with a confirmation is only good in the hands of whoever holds every key it names.
 */
public record Confirmation(String jkt, String x5tS256) {

    public static final String CLAIM = "cnf";

    /** RFC 9449 §5: the token endpoint's {@code token_type} for a DPoP-bound access token, and the scheme it is sent with. */
    public static final String DPOP = "DPoP";

    private static final String JKT = "jkt";
    private static final String X5T_S256 = "x5t#S256";

    public Confirmation {
        jkt = jkt == null || jkt.isEmpty() ? null : jkt;
        x5tS256 = x5tS256 == null || x5tS256.isEmpty() ? null : x5tS256;
        if (jkt == null && x5tS256 == null) {
            throw new IllegalArgumentException("a confirmation needs a key thumbprint");
        }
    }

    /** Bound to a DPoP key. */
    public static Confirmation dpop(String jkt) {
        return new Confirmation(jkt, null);
    }

    /** Bound to a TLS client certificate. */
    public static Confirmation certificate(String x5tS256) {
        return new Confirmation(null, x5tS256);
    }

    /** Bound to this key and also to {@code other}'s. */
    public Confirmation and(Confirmation other) {
        return new Confirmation(other.jkt != null ? other.jkt : jkt, other.x5tS256 != null ? other.x5tS256 : x5tS256);
    }

    /** Whether {@code proved}, the keys a request proved possession of, includes every key this names. */
    public boolean isHeldBy(Optional<Confirmation> proved) {
        return (jkt == null || Objects.equals(jkt, proved.map(Confirmation::jkt).orElse(null)))
                && (x5tS256 == null || Objects.equals(x5tS256, proved.map(Confirmation::x5tS256).orElse(null)));
    }

    /** The value of the {@code cnf} claim. */
    public Map<String, Object> claim() {
        var members = new LinkedHashMap<String, Object>();
        if (jkt != null) {
            members.put(JKT, jkt);
        }
        if (x5tS256 != null) {
            members.put(X5T_S256, x5tS256);
        }
        return members;
    }

    /** The confirmation in a token's claims, if it has one. */
    public static Optional<Confirmation> of(Map<String, Object> claims) {
        if (!(claims.get(CLAIM) instanceof Map<?, ?> cnf)) {
            return Optional.empty();
        }
        String jkt = cnf.get(JKT) instanceof String value ? value : null;
        String x5t = cnf.get(X5T_S256) instanceof String value ? value : null;
        return (jkt == null || jkt.isEmpty()) && (x5t == null || x5t.isEmpty()) ? Optional.empty()
                : Optional.of(new Confirmation(jkt, x5t));
    }

    /** RFC 9449 §5: {@code DPoP} for a DPoP-bound access token, else RFC 6750's {@code Bearer} (RFC 8705 §3 keeps it). */
    public static String tokenType(Optional<Confirmation> confirmation) {
        return confirmation.map(Confirmation::jkt).isPresent() ? DPOP : "Bearer";
    }
}
