package org.gatehouse.clients.entity;

import java.util.Optional;
import org.gatehouse.protocol.entity.Confirmation;

/**
 * A client that passed authentication at a back-channel endpoint, the {@link Credentials} method it used, and the
 * keys it proved possession of on this request (a DPoP proof, RFC 9449; a TLS client certificate, RFC 8705), which
 * the tokens issued to it are bound to.
 */
public record AuthenticatedClient(Client client, String method, Optional<Confirmation> confirmation) {

    public AuthenticatedClient(Client client, String method) {
        this(client, method, Optional.empty());
    }

    /** Proved possession of a credential, as RFC 6749 §2.1 defines a confidential client. */
    public boolean isConfidential() {
        return !Credentials.NONE.equals(method);
    }

    /** The same client, having proved possession of the key {@code confirmation} names too. */
    public AuthenticatedClient boundTo(Confirmation confirmation) {
        return new AuthenticatedClient(client, method, Optional.of(this.confirmation.map(proved -> proved.and(confirmation))
                .orElse(confirmation)));
    }

    /** Authenticated by a TLS client certificate (RFC 8705 §2). */
    public boolean usedCertificate() {
        return Credentials.TLS_CLIENT_AUTH.equals(method) || Credentials.SELF_SIGNED_TLS_CLIENT_AUTH.equals(method);
    }

    /** {@code token_type} of the access tokens issued to it now (RFC 9449 §5). */
    public String tokenType() {
        return Confirmation.tokenType(confirmation);
    }
}
