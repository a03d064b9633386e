package org.gatehouse.issuance.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;

/**
 * Revokes everything one grant issued: its code, refresh tokens and reference tokens leave the grant store, and its
 * JWT access tokens join the revoked list, so that introspection and userinfo refuse them too. A replayed code
 * (RFC 6749 §4.1.2, RFC 9700 §4.5.3.1) or refresh token (RFC 9700 §4.14.2), and the revocation of a refresh token
 * (RFC 7009 §2.1: "SHOULD also invalidate all access tokens based on the same authorization grant"), end here.
 */
@ApplicationScoped
public class FamilyRevocation {

    @Inject
    GrantStore grants;

    @Inject
    RevokedJwts revokedJwts;

    /** @param client the client the family was issued to: its access token lifetime bounds how long a JWT of it lives */
    public void revoke(Client client, String familyId) {
        grants.removeFamily(familyId);
        revokedJwts.revokeFamily(client.clientId(), familyId, Duration.ofSeconds(client.tokens().accessTokenLifetime()));
    }
}
