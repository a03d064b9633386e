package org.gatehouse.logout.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatehouse.testing.OidcFlow;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.Poll;
import org.gatehouse.testing.RelyingParty;
import org.gatehouse.testing.SignInFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Back-channel logout survives faults (OpenID Connect Back-Channel Logout 1.0 §2.5, Gatehouse's outbox): two nodes
 * on one PostgreSQL database (127.0.0.1:5432, trust authentication, as in CI); alice signs in at node A and logs
 * out there while the application's back-channel receiver is down; both nodes are then stopped (a restart of the
 * whole Gatehouse) and the receiver comes back; when the two nodes are up again, the receiver gets the logout token
 * exactly once, and the outbox is empty.
 */
class BackChannelLogoutIT {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final int RECEIVER_PORT = 18490;
    private static final String CLIENT = "[{\"ClientId\": \"bc.app\", \"RequireClientSecret\": false,"
            + " \"AllowedGrantTypes\": [\"authorization_code\"], \"RedirectUris\": [\"http://127.0.0.1:18491/callback\"],"
            + " \"BackChannelLogoutUri\": \"http://127.0.0.1:" + RECEIVER_PORT + "/logout\", \"AllowedScopes\": [\"openid\"]}]";

    private final String database = "gatehouse_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void createDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (receiver != null) {
            receiver.stop(0);
        }
        try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            connection.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void aLogoutTokenForAReceiverThatWasDownArrivesOnceAfterARestartOfBothNodes() throws Exception {
        String issuer;
        String sid;
        try (var a = node("bc-node-a", 18331); var b = node("bc-node-b", 18332)) {
            a.awaitReady(Duration.ofMinutes(3));
            b.awaitReady(Duration.ofMinutes(3));
            issuer = a.baseUrl();
            var flow = OidcFlow.publicClient(issuer, "bc.app", "http://127.0.0.1:18491/callback", "openid");
            var browser = new SignInFlow(new URL(issuer + "/"));
            var redirect = browser.authorize(flow.authorizationUri(), "alice", "alice");
            assertEquals(302, redirect.statusCode(), redirect.body());
            var tokens = flow.exchange(flow.code(flow.response(redirect.headers().firstValue("Location").orElseThrow())));
            sid = flow.validate(tokens).getStringClaim("sid");

            var logout = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer
                    + "/connect/endsession?id_token_hint=" + URLEncoder.encode(tokens.getIDToken().serialize(),
                    StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, logout.statusCode(), logout.body());
            Poll.until(Duration.ofSeconds(20), "delivery attempted and failed", this::attempts, attempts -> attempts >= 2);
            assertTrue(a.log().contains("Back-channel logout: bc.app not reached") || b.log().contains(
                    "Back-channel logout: bc.app not reached"));
        }
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), RECEIVER_PORT), 16);
        receiver.createContext("/logout", exchange -> {
            try (exchange) {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();

        try (var a = node("bc-node-a2", 18331); var b = node("bc-node-b2", 18332)) {
            a.awaitReady(Duration.ofMinutes(3));
            b.awaitReady(Duration.ofMinutes(3));
            Poll.until(Duration.ofSeconds(60), "the logout token delivered", () -> received.size(), size -> size >= 1);
            Thread.sleep(4000); // several rounds of both nodes: nothing more arrives
            assertEquals(1, received.size(), "exactly once: " + received);
            assertEquals(0, count(), "the outbox is empty");

            var token = RelyingParty.parse(received.get(0)).get("logout_token").get(0);
            var jwks = JWKSet.load(new URL(issuer + "/.well-known/openid-configuration/jwks"));
            var claims = new LogoutTokenValidator(new Issuer(issuer),
                    new ClientID("bc.app"), true, new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.RS256,
                    new ImmutableJWKSet<>(jwks)), null).validate(JWTParser.parse(token));
            assertEquals("1", claims.getSubject().getValue());
            assertEquals(sid, claims.getSessionID().getValue());
        }
    }

    private PayaraMicroProcess node(String name, int port) {
        return PayaraMicroProcess.start(name, port,
                Map.of("gatehouse.settings-file", "src/test/resources/it/appsettings.json",
                        "gatehouse.key-management.encryption-key", "integration-tests-only",
                        "gatehouse.issuer-uri", "http://localhost:18331",
                        "gatehouse.clients", CLIENT),
                Map.of("GATEHOUSE_DB_HOST", "127.0.0.1", "GATEHOUSE_DB_PORT", "5432", "GATEHOUSE_DB_NAME", database,
                        "GATEHOUSE_DB_USER", "postgres", "GATEHOUSE_DB_PASSWORD", "unused-with-trust-authentication"),
                List.of("--addlibs", "target/postgresql.jar", "--postbootcommandfile", "server-config/postgresql.asadmin"));
    }

    private int attempts() {
        try (var connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                var result = connection.createStatement().executeQuery("SELECT COALESCE(MAX(ATTEMPTS), 0) FROM GH_LOGOUT_NOTICE")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count() throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                var result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM GH_LOGOUT_NOTICE")) {
            result.next();
            return result.getInt(1);
        }
    }
}
