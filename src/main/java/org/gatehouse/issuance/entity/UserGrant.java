package org.gatehouse.issuance.entity;

import java.time.Instant;
import java.util.List;
import org.gatehouse.claims.entity.AuthenticationContexts;

/** The user a token is issued for, and the sign-in it stems from ({@code sid}, {@code auth_time}, {@code amr}). */
public record UserGrant(String subjectId, String sessionId, Instant authTime, List<String> amr) {

    /** The sign-in's authentication context class (OIDC Core §2): every sign-in Gatehouse offers is one factor. */
    public String acr() {
        return AuthenticationContexts.SINGLE_FACTOR;
    }
}
