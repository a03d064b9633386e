package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.gatehouse.testing.Database;
import org.gatehouse.testing.OidcFlow;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.SignInFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts that change in the configuration between two starts (issue 13: a user removed, or whose password
 * changed, loses its sessions and grants): dana, erin and frank (beside the test users) sign in and hold refresh
 * tokens; Gatehouse restarts on the same PostgreSQL database (127.0.0.1:5432, as in CI) with dana's password changed
 * and erin removed; their refresh tokens are then refused, and frank, unchanged, refreshes as before.
 */
class ChangedAccountsIT {

    private static final String REDIRECT = "http://127.0.0.1:18493/callback";
    private static final String CLIENT = "[{\"ClientId\": \"accounts.app\", \"RequireClientSecret\": false,"
            + " \"AllowedGrantTypes\": [\"authorization_code\"], \"RedirectUris\": [\"" + REDIRECT + "\"],"
            + " \"AllowOfflineAccess\": true, \"AllowedScopes\": [\"openid\"]}]";

    private Database database;

    @BeforeEach
    void createDatabase() {
        database = Database.create(Database.Kind.POSTGRESQL);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aRemovedUserAndOneWhosePasswordChangedLoseTheirGrantsAtTheNextStartAndNobodyElseDoes() throws Exception {
        RefreshToken dana;
        RefreshToken erin;
        RefreshToken frank;
        try (var node = node("accounts-1", users(user("acc-1", "dana", "dana"), user("acc-2", "erin", "erin"),
                user("acc-3", "frank", "frank")))) {
            node.awaitReady(Duration.ofMinutes(3));
            dana = signIn(node, "dana", "dana");
            erin = signIn(node, "erin", "erin");
            frank = signIn(node, "frank", "frank");
        }
        try (var node = node("accounts-2", users(user("acc-1", "dana", "a new password"), user("acc-3", "frank", "frank")))) {
            node.awaitReady(Duration.ofMinutes(3));
            var flow = flow(node);
            assertEquals("invalid_grant", OidcFlow.tokenError(flow.refreshResponse(dana)).getCode(), "dana's password changed");
            assertEquals("invalid_grant", OidcFlow.tokenError(flow.refreshResponse(erin)).getCode(), "erin was removed");
            var refreshed = flow.refreshResponse(frank);
            assertEquals(200, refreshed.getStatusCode(), refreshed.getBody());
        }
    }

    private static RefreshToken signIn(PayaraMicroProcess node, String username, String password) throws Exception {
        var flow = flow(node);
        var redirect = new SignInFlow(new URL(node.baseUrl() + "/")).authorize(flow.authorizationUri(), username, password);
        assertEquals(302, redirect.statusCode(), redirect.body());
        var tokens = flow.exchange(flow.code(flow.response(redirect.headers().firstValue("Location").orElseThrow())));
        return tokens.getRefreshToken();
    }

    private static OidcFlow flow(PayaraMicroProcess node) {
        return OidcFlow.publicClient(node.baseUrl(), "accounts.app", REDIRECT, "openid offline_access");
    }

    private static String user(String subject, String username, String password) {
        return "{\"SubjectId\": \"" + subject + "\", \"Username\": \"" + username + "\", \"Password\": \"" + password + "\"}";
    }

    private static String users(String... users) {
        return "[" + String.join(", ", users) + "]";
    }

    private PayaraMicroProcess node(String name, String users) {
        return PayaraMicroProcess.start(name, 18333,
                Map.of("gatehouse.settings-file", "src/test/resources/it/appsettings.json",
                        "gatehouse.key-management.encryption-key", "integration-tests-only",
                        "gatehouse.clients", CLIENT,
                        "gatehouse.users", users),
                database.environment(), database.payaraArguments());
    }
}
