package org.gatehouse.claims.entity;

import java.util.List;
import java.util.Optional;

/**
 * An authorization request's {@code claims} parameter (OIDC Core §5.5), as far as Gatehouse acts on it: the user
 * claims it names for the ID token and UserInfo, and the identity resources of those claims that the scopes did not
 * already ask for (the consent page shows them); the {@code sub} value it demands for the ID token (§5.5.1), if any.
 */
public record ClaimsRequest(RequestedClaims claims, List<String> identityResources, Optional<String> subject) {

    public static final ClaimsRequest NONE = new ClaimsRequest(RequestedClaims.NONE, List.of(), Optional.empty());

    public ClaimsRequest {
        identityResources = List.copyOf(identityResources);
    }
}
