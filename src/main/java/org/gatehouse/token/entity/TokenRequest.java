package org.gatehouse.token.entity;

import java.net.URI;
import java.util.List;
import org.gatehouse.protocol.entity.Form;

/**
 * A token request as it arrived (RFC 6749 §3.2): the form, and the transport facts that client authentication
 * and sender constraints need — the {@code Authorization} header, the {@code DPoP} headers (RFC 9449 §4.1; all of
 * them, so that more than one is refused), the issuer the request was made to, and the token endpoint's public
 * URL, which a proof's {@code htu} names (taken from the issuer, not from a request line a proxy may have rewritten).
 */
public record TokenRequest(Form form, String authorization, List<String> dpopProofs, String issuer, URI endpoint) {

    public TokenRequest {
        dpopProofs = dpopProofs == null ? List.of() : List.copyOf(dpopProofs);
    }
}
