package org.gatehouse.userinfo.entity;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.gatehouse.mtls.entity.ClientCertificate;

/**
 * A UserInfo request as it arrived: the access token by the way it came — {@code Authorization: Bearer} or the
 * form body (RFC 6750 §2.1-2.2), or {@code Authorization: DPoP} (RFC 9449 §7.1) — what a DPoP proof is checked
 * against (its headers, the request's method and the endpoint's public URL), and the TLS client certificate the
 * request came with, which a certificate-bound token needs (RFC 8705 §3).
 */
public record UserInfoRequest(Optional<String> bearer, Optional<String> dpop, Optional<String> form, List<String> dpopProofs,
        String method, URI endpoint, String issuer, Optional<ClientCertificate> certificate) {

    public UserInfoRequest {
        dpopProofs = dpopProofs == null ? List.of() : List.copyOf(dpopProofs);
        certificate = certificate == null ? Optional.empty() : certificate;
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
