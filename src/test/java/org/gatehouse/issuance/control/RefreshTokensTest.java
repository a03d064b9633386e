package org.gatehouse.issuance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.issuance.entity.RefreshToken;
import org.gatehouse.issuance.entity.UserGrant;
import org.junit.jupiter.api.Test;

/**
 * Refresh token lifetimes as Duende defines them: {@code Absolute} ends {@code AbsoluteRefreshTokenLifetime} after the
 * first token; {@code Sliding} ends {@code SlidingRefreshTokenLifetime} after each use, never past the absolute end;
 * an absolute lifetime of 0 has no end.
 */
class RefreshTokensTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private final RefreshTokens tokens = new RefreshTokens();

    private static Client client(String expiration, int absolute, int sliding) {
        return Fixtures.validClient(Fixtures.client("c", "[ \"authorization_code\" ]",
                "\"RedirectUris\": [ \"https://app.example/cb\" ]", "\"AllowOfflineAccess\": true",
                "\"RefreshTokenExpiration\": \"" + expiration + "\"", "\"AbsoluteRefreshTokenLifetime\": " + absolute,
                "\"SlidingRefreshTokenLifetime\": " + sliding));
    }

    private void at(Instant now) {
        tokens.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    /** The first token of a grant, issued at T0. */
    private RefreshToken first(Client client) {
        at(T0);
        return tokens.first(client, new UserGrant("alice", "sid", T0, List.of("pwd")), List.of("openid", "offline_access"),
                List.of(), Set.of(), Map.of(), RequestedClaims.NONE, "family");
    }

    private Instant expiryAt(Instant now, Client client, RefreshToken token) {
        at(now);
        return tokens.expiry(client, token);
    }

    @Test
    void absoluteEndsAfterTheAbsoluteLifetimeWheneverUsed() {
        var client = client("Absolute", 3600, 600);
        var token = first(client);
        assertEquals(T0.plusSeconds(3600), token.absoluteExpiry());
        assertEquals(T0.plusSeconds(3600), expiryAt(T0, client, token));
        assertEquals(T0.plusSeconds(3600), expiryAt(T0.plusSeconds(3000), client, token)); // use does not extend it
    }

    @Test
    void absoluteLifetimeZeroHasNoEnd() {
        var client = client("Absolute", 0, 600);
        var token = first(client);
        assertNull(token.absoluteExpiry());
        Instant later = T0.plus(Duration.ofDays(3650));
        assertTrue(expiryAt(later, client, token).isAfter(later.plus(Duration.ofDays(365L * 50))));
    }

    @Test
    void slidingEndsTheSlidingLifetimeAfterEachUse() {
        var client = client("Sliding", 3600, 600);
        var token = first(client);
        assertEquals(T0.plusSeconds(600), expiryAt(T0, client, token));
        assertEquals(T0.plusSeconds(1100), expiryAt(T0.plusSeconds(500), client, token));
        assertEquals(T0.plusSeconds(3600), expiryAt(T0.plusSeconds(3000), client, token)); // exactly at the cap
    }

    @Test
    void slidingIsCappedByTheAbsoluteEnd() {
        var client = client("Sliding", 3600, 600);
        var token = first(client);
        assertEquals(T0.plusSeconds(3600), expiryAt(T0.plusSeconds(3300), client, token));
        assertEquals(T0.plusSeconds(3600), expiryAt(T0.plusSeconds(3599), client, token));
    }

    @Test
    void slidingWithoutAbsoluteLifetimeSlidesForever() {
        var client = client("Sliding", 0, 600);
        var token = first(client);
        assertNull(token.absoluteExpiry());
        Instant later = T0.plus(Duration.ofDays(3650));
        assertEquals(later.plusSeconds(600), expiryAt(later, client, token));
    }

    @Test
    void slidingLongerThanAbsoluteEndsAtTheAbsoluteEnd() {
        var client = client("Sliding", 600, 3600);
        assertEquals(T0.plusSeconds(600), expiryAt(T0, client, first(client)));
    }

    @Test
    void duendeDefaultsAreAbsoluteThirtyDays() {
        var client = Fixtures.validClient(Fixtures.client("c", "[ \"authorization_code\" ]",
                "\"RedirectUris\": [ \"https://app.example/cb\" ]", "\"AllowOfflineAccess\": true"));
        var token = first(client);
        assertEquals(T0.plus(Duration.ofDays(30)), expiryAt(T0.plusSeconds(1), client, token));
    }
}
