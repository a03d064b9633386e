package org.gatehouse.issuance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.issuance.entity.AuthorizationCode;
import org.gatehouse.issuance.entity.UserGrant;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AuthorizationCodesTest {

    private static final Client WEB = Fixtures.validClient(Fixtures.client("web", "[ \"authorization_code\" ]",
            "\"RedirectUris\": [ \"https://app.example/cb\" ]"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AuthorizationCodes codes = new AuthorizationCodes();
    {
        codes.grants = TestGrantStores.inMemory(clock);
    }

    private String issue(String sessionId) {
        clock.advance(Duration.ofMillis(1));
        return codes.issue(WEB, new AuthorizationCode("web", "https://app.example/cb", "challenge", "S256", null,
                new UserGrant("alice", sessionId, clock.instant(), List.of("pwd")), List.of("openid"), List.of(),
                Set.of("RS256"), RequestedClaims.NONE, GrantStore.newFamily(), null));
    }

    @Test
    void aSessionHoldsAtMostTwentyCodesTheOldestGoFirst() {
        var issued = new ArrayList<String>();
        for (int i = 0; i < AuthorizationCodes.PER_SESSION + 5; i++) {
            issued.add(issue("session-1"));
        }
        String other = issue("session-2");
        assertTrue(issued.subList(0, 5).stream().allMatch(code -> codes.find(code).isEmpty()), "the five oldest went");
        assertEquals(AuthorizationCodes.PER_SESSION, issued.stream().filter(code -> codes.find(code).isPresent()).count());
        assertTrue(codes.find(other).isPresent(), "another session's codes are its own");
    }
}
