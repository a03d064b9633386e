package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gatehouse.users.entity.PasswordHashing;
import java.util.Set;
import org.gatehouse.users.entity.ConfiguredUser;
import org.junit.jupiter.api.Test;

class ConfiguredUsersTest {

    private final FakePasswordHash pbkdf2 = new FakePasswordHash();
    private final AccountsInMemory accounts = new AccountsInMemory();
    private final ConfiguredUsers configured = new ConfiguredUsers();

    ConfiguredUsersTest() {
        configured.accounts = accounts;
        configured.passwords = pbkdf2.passwords();
    }

    private static ConfiguredUser user(String subjectId, String password) {
        return new ConfiguredUser(subjectId, "user" + subjectId, password, List.of());
    }

    @Test
    void clearPasswordIsHashedWhenFirstStored() {
        configured.store(List.of(user("1", "alice")));
        assertEquals(Map.of("1", FakePasswordHash.encoding("alice", 600_000)), accounts.lastStoredHashes);
        assertEquals(1, pbkdf2.generated);
    }

    @Test
    void storedHashThatVerifiesTheClearPasswordIsKept() {
        String stored = FakePasswordHash.encoding("alice", 600_000);
        accounts.add("1", "alice", stored);
        configured.store(List.of(user("1", "alice")));
        assertEquals(stored, accounts.lastStoredHashes.get("1"));
        assertEquals(0, pbkdf2.generated, "no new hash at a restart");
    }

    @Test
    void changedClearPasswordIsHashedAgain() {
        accounts.add("1", "alice", FakePasswordHash.encoding("old", 600_000));
        configured.store(List.of(user("1", "new")));
        assertEquals(FakePasswordHash.encoding("new", 600_000), accounts.lastStoredHashes.get("1"));
    }

    @Test
    void storedHashWithWeakerParametersIsReplacedWhenTheClearPasswordIsKnown() {
        String weak = FakePasswordHash.encoding("alice", 2048);
        accounts.add("1", "alice", weak);
        configured.store(List.of(user("1", "alice")));
        assertNotEquals(weak, accounts.lastStoredHashes.get("1"));
        assertEquals(1, pbkdf2.generated);
    }

    @Test
    void aPasswordHashedAnewIsNoPasswordChangeAndEndsNoSession() { // e.g. after switching to Argon2id
        accounts.add("1", "alice", FakePasswordHash.encoding("alice", 600_000));
        configured.passwords = pbkdf2.passwords(PasswordHashing.ARGON2ID);
        assertEquals(Set.of(), configured.store(List.of(user("1", "alice"))));
        assertTrue(accounts.lastStoredHashes.get("1").startsWith("$argon2id$"));
        accounts.add("1", "alice", FakePasswordHash.encoding("alice", 600_000));
        assertEquals(Set.of("1"), configured.store(List.of(user("1", "changed"))), "a new password still does");
    }

    @Test
    void configuredHashIsStoredAsItIsWithoutHashingOrVerifying() {
        String hash = "PBKDF2WithHmacSHA512:210000:c2FsdA==:aGFzaA==";
        accounts.add("1", "alice", FakePasswordHash.encoding("alice", 600_000));
        configured.store(List.of(user("1", hash), user("2", hash)));
        assertEquals(Map.of("1", hash, "2", hash), accounts.lastStoredHashes);
        assertEquals(0, pbkdf2.generated + pbkdf2.verified);
    }
}
