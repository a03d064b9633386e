package org.gatehouse.token.entity;

import java.util.List;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.protocol.entity.Form;

/**
 * A token request as it arrived (RFC 6749 §3.2): the form, the transport facts that client authentication and
 * sender constraints need, and the {@code DPoP} headers (RFC 9449 §4.1; all of them, so that more than one is refused).
 */
public record TokenRequest(Form form, ClientChannel channel, List<String> dpopProofs) {

    public TokenRequest {
        dpopProofs = dpopProofs == null ? List.of() : List.copyOf(dpopProofs);
    }

    /** The issuer the request was made to. */
    public String issuer() {
        return channel.issuer();
    }
}
