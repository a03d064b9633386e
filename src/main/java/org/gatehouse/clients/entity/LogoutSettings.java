package org.gatehouse.clients.entity;

import java.util.Set;

/** Where a client is told about, or returns after, the end of a user's session. */
public record LogoutSettings(
        Set<String> postLogoutRedirectUris,
        String frontChannelLogoutUri,
        boolean frontChannelLogoutSessionRequired,
        String backChannelLogoutUri,
        boolean backChannelLogoutSessionRequired,
        Boolean coordinateLifetimeWithUserSession) {
}
