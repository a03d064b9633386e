package org.gatehouse.clients.control;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Secret;

/**
 * The keys that verify what a client signs: its client assertions (RFC 7523) and its request objects (RFC 9101). The
 * public keys of its unexpired {@code JWK} and {@code X509CertificateBase64} secrets, and, as symmetric keys, the
 * unexpired secrets its {@code SharedSecretReference}s name (Duende's hashed {@code SharedSecret}s cannot key a MAC).
 * Which kind verifies a JWT is the caller's algorithm list's choice: a key is only ever selected for its own family.
 */
@ApplicationScoped
public class ClientKeys {

    @Inject
    ReferencedSecrets referenced;

    public JWKSet of(Client client, Instant now) {
        var keys = new ArrayList<JWK>();
        client.secrets().stream().filter(s -> s.isAssertionKey() && !s.isExpiredAt(now)).map(Secret::key).forEach(keys::add);
        referenced.of(client.secrets(), now).forEach(secret -> keys.add(new OctetSequenceKey.Builder(secret).build()));
        return new JWKSet(List.copyOf(keys));
    }
}
