package org.gatehouse.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.keys.entity.StoredKey;
import org.junit.jupiter.api.Test;

/** Duende's schedule: rotate every 90 days, announce 14 days ahead, keep retired keys 14 days. */
class KeyRotationPolicyTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final KeyRotationPolicy policy = KeyRotationPolicy.of(new KeyManagementOptions(List.of("RS256"),
            Duration.ofDays(90), Duration.ofDays(14), Duration.ofDays(14), 2048, null, List.of(), false));

    private static Instant day(int day) {
        return START.plus(Duration.ofDays(day));
    }

    private static StoredKey key(String id, int createdDay) {
        return new StoredKey(id, "RS256", day(createdDay), null);
    }

    private final StoredKey first = key("first", 0);
    private final StoredKey successor = key("successor", 76);

    @Test
    void withoutKeysANewKeyIsNeeded() {
        assertTrue(policy.needsNewKey(List.of(), START));
        assertEquals(Optional.empty(), policy.signingKey(List.of(), START));
    }

    @Test
    void firstKeySignsImmediately() {
        assertEquals(Optional.of(first), policy.signingKey(List.of(first), day(0)));
        assertFalse(policy.needsNewKey(List.of(first), day(0)));
    }

    @Test
    void successorIsNeededFourteenDaysBeforeRotation() {
        assertFalse(policy.needsNewKey(List.of(first), day(76).minus(SECOND)));
        assertTrue(policy.needsNewKey(List.of(first), day(76)));
        assertFalse(policy.needsNewKey(List.of(first, successor), day(76)));
    }

    @Test
    void successorSignsOnlyAfterItWasAnnouncedForFourteenDays() {
        var keys = List.of(first, successor);
        assertEquals(Optional.of(first), policy.signingKey(keys, day(76)));
        assertEquals(Optional.of(first), policy.signingKey(keys, day(89)));
        assertEquals(Optional.of(first), policy.signingKey(keys, day(90).minus(SECOND)));
        assertEquals(Optional.of(successor), policy.signingKey(keys, day(90)));
    }

    @Test
    void retiredKeyStaysPublishedForTheRetentionTime() {
        assertFalse(policy.isRetired(first, day(90).minus(SECOND)));
        assertTrue(policy.isRetired(first, day(90)));
        assertTrue(policy.isPublished(first, day(90)));
        assertTrue(policy.isPublished(first, day(104).minus(SECOND)));
        assertFalse(policy.isPublished(first, day(104)));
        assertFalse(policy.isPublished(first, day(105)));
    }

    @Test
    void announcedKeyIsPublishedFromItsCreation() {
        assertTrue(policy.isPublished(successor, day(76)));
    }

    @Test
    void theSuccessorsOwnSuccessorIsNeededAtItsDay76() {
        assertFalse(policy.needsNewKey(List.of(first, successor), day(152).minus(SECOND)));
        assertTrue(policy.needsNewKey(List.of(first, successor), day(152)));
    }

    @Test
    void serverDownForTwoHundredDaysCreatesAKeyAndSignsWithItAtOnce() {
        assertTrue(policy.needsNewKey(List.of(first), day(200)));
        assertEquals(Optional.empty(), policy.signingKey(List.of(first), day(200)));
        var fresh = key("fresh", 200);
        assertEquals(Optional.of(fresh), policy.signingKey(List.of(first, fresh), day(200)));
        assertFalse(policy.isPublished(first, day(200)));
    }

    @Test
    void keyCreatedInTheFutureDoesNotSign() {
        var early = key("early", 1);
        assertEquals(Optional.of(first), policy.signingKey(List.of(first, early), day(0)));
    }

    @Test
    void nextChangeIsTheEarliestUpcomingTransition() {
        assertEquals(Optional.of(day(14)), policy.nextChange(List.of(first), day(0)));
        assertEquals(Optional.of(day(76)), policy.nextChange(List.of(first), day(14)));
        var keys = List.of(first, successor);
        assertEquals(Optional.of(day(90)), policy.nextChange(keys, day(77)));
        assertEquals(Optional.of(day(104)), policy.nextChange(keys, day(90)));
        assertEquals(Optional.of(day(152)), policy.nextChange(keys, day(104)));
        assertEquals(Optional.empty(), policy.nextChange(List.of(first), day(104)));
    }
}
