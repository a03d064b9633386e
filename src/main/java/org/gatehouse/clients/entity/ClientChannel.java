package org.gatehouse.clients.entity;

import java.net.URI;
import java.util.Optional;
import org.gatehouse.mtls.entity.ClientCertificate;

/**
 * What the transport says about a back-channel request, which client authentication and sender constraints need:
 * its {@code Authorization} header (null: none), the TLS client certificate it came with (RFC 8705), the issuer it
 * was made to, and the public URL of the endpoint it reached (through an RFC 8705 §5 alias, that alias's), which
 * a DPoP proof names in {@code htu} (taken from the issuer, not from a request line a proxy may have rewritten).
 */
public record ClientChannel(String authorization, Optional<ClientCertificate> certificate, String issuer, URI endpoint) {

    public ClientChannel {
        certificate = certificate == null ? Optional.empty() : certificate;
    }
}
