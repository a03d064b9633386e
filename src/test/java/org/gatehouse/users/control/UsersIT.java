package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.users.entity.ConfiguredUser;
import org.gatehouse.users.entity.SignInResult;
import org.gatehouse.users.entity.UserClaim;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users inside the server, with the platform's IdentityStoreHandler and Pbkdf2PasswordHash, on embedded
 * H2: the test users of src/test/resources/it/appsettings.json (alice/alice, bob/bob) sign in, have their
 * profiles, and are kept in GH_USER as configuration says.
 */
@ExtendWith(ArquillianExtension.class)
class UsersIT {

    @Deployment
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot().addClass(UsersIT.class);
    }

    @Inject
    PasswordSignIn signIn;

    @Inject
    UserProfiles profiles;

    @Inject
    ConfiguredUsers configured;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    @Test
    void configuredUserSignsInWithAnyCaseOfTheUsername() {
        assertEquals(new SignInResult.SignedIn("1", "alice"), signIn.attempt("alice", "alice", "10.1.0.1", null, false));
        assertEquals(new SignInResult.SignedIn("2", "bob"), signIn.attempt("BOB", "bob", "10.1.0.1", null, false));
    }

    @Test
    void wrongPasswordOrUnknownUserIsRejectedThenThrottled() {
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "Alice", "10.1.0.2", null, false));
        for (int i = 0; i < 5; i++) {
            assertEquals(new SignInResult.Rejected(), signIn.attempt("nobody", "guess", "10.1.0.3", null, false));
        }
        assertInstanceOf(SignInResult.Throttled.class, signIn.attempt("nobody", "guess", "10.1.0.3", null, false));
    }

    @Test
    void profilesCarryTheConfiguredClaims() {
        var bob = profiles.find("2").orElseThrow();
        assertEquals("bob", bob.username());
        assertEquals(new UserClaim("address", "{ \"street_address\": \"One Hacker Way\", \"locality\": \"Heidelberg\","
                + " \"postal_code\": \"69118\", \"country\": \"Germany\" }", "json"), bob.claims().get(2));
        assertEquals(Optional.empty(), profiles.find("unknown"));
    }

    @Test
    void passwordsAreStoredAsPbkdf2HashesAndKeptAcrossRestarts() throws SQLException {
        var stored = rows();
        assertEquals(2, stored.size());
        for (var row : stored) {
            assertTrue(row.get(1).startsWith("PBKDF2WithHmacSHA256:600000:"), row.get(1));
            assertEquals("true", row.get(2).toLowerCase());
        }
        var alice = new ConfiguredUser("1", "alice", "alice", profiles.find("1").orElseThrow().claims());
        var bob = new ConfiguredUser("2", "bob", "bob", profiles.find("2").orElseThrow().claims());
        try {
            assertEquals(Set.of(), configured.store(List.of(alice, bob, new ConfiguredUser("3", "carol", "carol", List.of()))),
                    "nobody is locked out by a user added");
            assertEquals(stored, rows().subList(0, 2), "a restart keeps hashes that verify the configured passwords");
            assertEquals(new SignInResult.SignedIn("3", "carol"), signIn.attempt("carol", "carol", "10.1.0.4", null, false));

            assertEquals(Set.of("2", "3"), configured.store(List.of(alice, new ConfiguredUser("4", "Bob", "bob2", List.of()))),
                    "the users removed lose their sessions and grants (Bootstrap)");
            assertEquals(List.of("1", "4"), rows().stream().map(row -> row.get(0)).toList(),
                    "users no longer configured are removed; a new subject may take a removed one's username");
            assertEquals(new SignInResult.SignedIn("4", "Bob"), signIn.attempt("bob", "bob2", "10.1.0.4", null, false));
            assertEquals(Set.of("1"), configured.store(List.of(new ConfiguredUser("1", "alice", "changed", alice.claims()),
                    new ConfiguredUser("4", "Bob", "bob2", List.of()))), "a new password locks the old sessions out");
        } finally {
            configured.store(List.of(alice, bob));
        }
    }

    /** SUBJECT_ID, PASSWORD_HASH, CONFIGURED of every account, by subject. */
    private List<List<String>> rows() throws SQLException {
        try (var connection = database.getConnection(); var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT SUBJECT_ID, PASSWORD_HASH, CONFIGURED FROM GH_USER ORDER BY SUBJECT_ID")) {
            var rows = new ArrayList<List<String>>();
            while (result.next()) {
                rows.add(List.of(result.getString(1), result.getString(2), result.getString(3)));
            }
            return rows;
        }
    }
}
