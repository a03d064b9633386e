package org.gatehouse.claims.control;

import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.stream.Collectors;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.control.Digests;

/**
 * The {@code sub} a client sees (OIDC Core §8): the user's own identifier, or — for a client with a
 * {@code PairWiseSubjectSalt} — a pairwise identifier, so that clients of different sectors cannot
 * correlate a user. Applied to ID tokens and UserInfo; access tokens, meant for APIs, keep the user's
 * identifier.
 */
public final class SubjectIdentifiers {

    private SubjectIdentifiers() {
    }

    public static String forClient(Client client, String subjectId) {
        String salt = client.tokens().pairWiseSubjectSalt();
        if (salt == null || salt.isEmpty()) {
            return subjectId;
        }
        // §8.1: sub = SHA-256(sector_identifier || local_account_id || salt)
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                Digests.sha256(sectorIdentifier(client) + subjectId + salt));
    }

    /**
     * §8.1: the host of the redirect URIs; with several hosts (and no sector_identifier_uri, which Gatehouse
     * does not fetch) the client itself is the sector.
     */
    static String sectorIdentifier(Client client) {
        var hosts = client.authorize().redirectUris().stream()
                .map(uri -> URI.create(uri).getHost())
                .map(host -> host == null ? null : host.toLowerCase(Locale.ROOT)) // RFC 3986 §3.2.2
                .collect(Collectors.toSet());
        return hosts.size() == 1 && hosts.iterator().next() != null ? hosts.iterator().next() : client.clientId();
    }

}
