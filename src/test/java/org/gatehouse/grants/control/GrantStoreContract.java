package org.gatehouse.grants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.control.RevokedJwts;
import org.gatehouse.testing.GatehouseWar;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The grant store inside the server, on its real database and transactions: one-time use under
 * concurrency, family revocation, hashing of handles, expiry and cleanup. Each database has a subclass
 * that deploys these tests to a server using it.
 */
@ExtendWith(ArquillianExtension.class)
abstract class GrantStoreContract {

    private static final int RACERS = 16;

    /** Gatehouse with these tests inside, for {@code subclass}. */
    static WebArchive withTests(Class<? extends GrantStoreContract> subclass) {
        return GatehouseWar.atRoot().addClasses(GrantStoreContract.class, subclass);
    }

    @Inject
    GrantStore grants;

    @Inject
    RevokedJwts revokedJwts;

    @Resource
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    @Test
    void exactlyOneOfManyConcurrentConsumersWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String handle = newGrant(GrantStore.newFamily(), Duration.ofMinutes(5));
            var start = new CountDownLatch(1);
            var results = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < RACERS; i++) {
                results.add(executor.submit((Callable<Boolean>) () -> {
                    start.await();
                    return grants.consume(handle);
                }));
            }
            start.countDown();
            int winners = 0;
            for (var result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners, "round " + round);
            assertTrue(grants.find(handle).orElseThrow().isConsumed(), "a consumed grant stays visible, for replay detection");
        }
    }

    /**
     * Replays racing each other all revoke the family (RFC 9700 §4.14.2) and none fails: the record is stored once
     * and lasts as long as the longest of them asks. (It was removed and stored again by each: a racer could then
     * find it missing, and answer 503.)
     */
    @Test
    void concurrentRevocationsOfOneFamilyAllSucceedAndKeepOneRecordForTheLongestLifetime() throws Exception {
        for (int round = 0; round < 5; round++) {
            String family = GrantStore.newFamily();
            var roundStart = Instant.now().minusMillis(1);
            var start = new CountDownLatch(1);
            var results = new ArrayList<Future<Void>>();
            for (int i = 0; i < RACERS; i++) {
                var lifetime = Duration.ofMinutes(1 + i);
                results.add(executor.submit((Callable<Void>) () -> {
                    start.await();
                    revokedJwts.revokeFamily("client", family, lifetime);
                    return null;
                }));
            }
            start.countDown();
            for (var result : results) {
                result.get(30, TimeUnit.SECONDS); // throws if that racer's revocation failed
            }
            var records = grants.createdSince(GrantType.REVOKED_JWT, roundStart);
            assertEquals(1, records.size(), "round " + round + ": " + records);
            var expires = records.values().iterator().next();
            assertTrue(expires.isAfter(roundStart.plus(Duration.ofMinutes(RACERS))), "round " + round + ": " + expires);
        }
    }

    @Test
    void revokingAFamilyRemovesEveryGrantInIt() {
        String family = GrantStore.newFamily();
        String first = newGrant(family, Duration.ofMinutes(5));
        String second = newGrant(family, Duration.ofMinutes(5));
        String stranger = newGrant(GrantStore.newFamily(), Duration.ofMinutes(5));

        assertEquals(2, grants.removeFamily(family));

        assertTrue(grants.find(first).isEmpty());
        assertTrue(grants.find(second).isEmpty());
        assertTrue(grants.find(stranger).isPresent());
    }

    @Test
    void onlyTheHashOfAHandleIsStored() throws SQLException {
        String handle = newGrant(GrantStore.newFamily(), Duration.ofMinutes(5));

        try (var connection = database.getConnection();
                var statement = connection.prepareStatement("SELECT COUNT(*) FROM GH_GRANT WHERE KEY_HASH = ?")) {
            statement.setString(1, handle);
            try (var result = statement.executeQuery()) {
                result.next();
                assertEquals(0, result.getInt(1), "the handle itself is not a key");
            }
            statement.setString(1, GrantStore.key(handle));
            try (var result = statement.executeQuery()) {
                result.next();
                assertEquals(1, result.getInt(1));
            }
        }
    }

    @Test
    void expiredGrantsAreNeitherFoundNorConsumableAndAreCleanedUp() throws Exception {
        String handle = newGrant(GrantStore.newFamily(), Duration.ofMillis(1));
        Thread.sleep(20);

        assertTrue(grants.find(handle).isEmpty());
        assertFalse(grants.consume(handle));
        int removed = 0;
        for (int batch; (batch = grants.removeExpired(100)) > 0; ) {
            removed += batch;
        }
        assertTrue(removed >= 1, "removed " + removed);
    }

    @Test
    void aSessionKeepsOnlyItsNewestGrantsOfAType() throws Exception {
        var codes = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            codes.add(grants.create(GrantType.AUTHORIZATION_CODE, "client", "alice", "session-trim", GrantStore.newFamily(),
                    Duration.ofMinutes(5), "{}"));
            Thread.sleep(2); // distinct creation times
        }
        String session = grants.create(GrantType.USER_SESSION, "gatehouse", "alice", "session-trim", "session-trim",
                Duration.ofMinutes(5), "{}");
        assertEquals(2, grants.trimSession("session-trim", GrantType.AUTHORIZATION_CODE, 3));
        assertTrue(grants.find(codes.get(0)).isEmpty() && grants.find(codes.get(1)).isEmpty(), "the oldest went");
        assertTrue(codes.subList(2, 5).stream().allMatch(c -> grants.find(c).isPresent()));
        assertTrue(grants.find(session).isPresent(), "other types of the session stay");
    }

    /** The servers of these tests have an encryption key: grant data is encrypted and bound to its row. */
    @Test
    void dataMovedToAnotherRowOrWrittenInClearIsNoGrant() throws SQLException {
        String alices = newGrant(GrantStore.newFamily(), Duration.ofMinutes(5));
        String bobs = grants.create(GrantType.REFRESH_TOKEN, "client", "bob", "session-2", GrantStore.newFamily(),
                Duration.ofMinutes(5), "{\"sub\":\"bob\"}");
        try (var connection = database.getConnection();
                var move = connection.prepareStatement("UPDATE GH_GRANT SET DATA = (SELECT DATA FROM GH_GRANT WHERE KEY_HASH = ?)"
                        + " WHERE KEY_HASH = ?");
                var plant = connection.prepareStatement("UPDATE GH_GRANT SET DATA = ? WHERE KEY_HASH = ?")) {
            move.setString(1, GrantStore.key(alices));
            move.setString(2, GrantStore.key(bobs));
            assertEquals(1, move.executeUpdate());
            assertTrue(grants.find(bobs).isEmpty(), "alice's encrypted data under bob's row");
            assertTrue(grants.find(alices).isPresent());

            plant.setString(1, "{\"sub\":\"mallory\"}");
            plant.setString(2, GrantStore.key(alices));
            assertEquals(1, plant.executeUpdate());
            assertTrue(grants.find(alices).isEmpty(), "data in clear although an encryption key is set");
        }
    }

    private String newGrant(String family, Duration lifetime) {
        return grants.create(GrantType.REFRESH_TOKEN, "client", "alice", "session-1", family, lifetime, "{\"sub\":\"alice\"}");
    }
}
