package org.gatehouse.userinfo.entity;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A UserInfo request as it arrived: the access token by the way it came — {@code Authorization: Bearer} or the
 * form body (RFC 6750 §2.1-2.2), or {@code Authorization: DPoP} (RFC 9449 §7.1) — and what a DPoP proof is checked
 * against: its headers, the request's method and the endpoint's public URL.
 */
public record UserInfoRequest(Optional<String> bearer, Optional<String> dpop, Optional<String> form, List<String> dpopProofs,
        String method, URI endpoint, String issuer) {

    public UserInfoRequest {
        dpopProofs = dpopProofs == null ? List.of() : List.copyOf(dpopProofs);
    }

    /** How many times a token was presented: more than once is an error (RFC 6750 §2). */
    public long presentations() {
        return List.of(bearer, dpop, form).stream().filter(Optional::isPresent).count();
    }

    /** The token presented, however it came. */
    public Optional<String> token() {
        return bearer.or(() -> dpop).or(() -> form);
    }
}
