package org.gatehouse.configuration.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.Http;
import org.gatehouse.testing.PayaraMicroProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatehouse with every feature switched off: their endpoints do not exist (404, no CORS grant), discovery does
 * not mention them, and what is always on still answers.
 */
class FeatureSwitchIT {

    private static final String ORIGIN = "https://spa.example";

    @TempDir
    Path directory;

    @Test
    void switchedOffFeaturesAreAbsentFromRoutesDiscoveryAndCorsAsArePayarasOwnEndpoints() throws Exception {
        Path settings = directory.resolve("appsettings.json");
        Files.writeString(settings, """
                {
                  "IdentityServer": {
                    "ApiScopes": [ { "Name": "api1" } ],
                    "Clients": [
                      { "ClientId": "m2m", "ClientSecrets": [ { "Value": "K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=" } ],
                        "AllowedGrantTypes": [ "client_credentials" ], "AllowedScopes": [ "api1" ],
                        "AllowedCorsOrigins": [ "https://spa.example" ] }
                    ],
                    "Endpoints": { "EnableIntrospectionEndpoint": false }
                  },
                  "Gatehouse": { "Features": { "Revocation": { "Enabled": false } } }
                }
                """);
        try (var node = PayaraMicroProcess.start("feature-switches", Integer.getInteger("it.port.features", 18091),
                Map.of("gatehouse.settings-file", settings.toString(), "gatehouse.features.userinfo.enabled", "false",
                        "gatehouse.features.end-session.enabled", "false", "gatehouse.features.private-key-jwt.enabled", "false",
                        "gatehouse.features.client-secret-jwt.enabled", "false",
                        "gatehouse.features.pushed-authorization.enabled", "false",
                        "gatehouse.key-management.encryption-key", "integration-tests-only"), Map.of(), List.of())
                .awaitReady(Duration.ofMinutes(3))) {
            assertTrue(node.log().contains("Gatehouse started"), node.log());
            String base = node.baseUrl() + "/";
            String basic = Http.basic("m2m", "secret");
            var introspect = Http.post(URI.create(base + "connect/introspect"), "application/x-www-form-urlencoded",
                    "token=x", Map.of("Authorization", basic));
            var revoke = Http.post(URI.create(base + "connect/revocation/"), "application/x-www-form-urlencoded",
                    "token=x", Map.of("Authorization", basic, "Origin", ORIGIN));
            var userInfo = Http.get(URI.create(base + "connect/userinfo"), "token");
            var endSession = Http.get(URI.create(base + "connect/endsession"));
            var par = Http.post(URI.create(base + "connect/par"), "application/x-www-form-urlencoded",
                    "response_type=code", Map.of("Authorization", basic));
            var mtlsAlias = Http.post(URI.create(base + "connect/mtls/token"), "application/x-www-form-urlencoded",
                    "grant_type=client_credentials", Map.of("Authorization", basic));
            var preflight = Http.request(URI.create(base + "connect/revocation"), "OPTIONS", Map.of("Origin", ORIGIN,
                    "Access-Control-Request-Method", "POST"));
            assertAll(
                    () -> assertEquals(404, introspect.statusCode(), "introspection"),
                    () -> assertEquals(404, revoke.statusCode(), "revocation, trailing slash and all"),
                    () -> assertFalse(revoke.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "no CORS"),
                    () -> assertEquals(404, userInfo.statusCode(), "userinfo"),
                    () -> assertEquals(404, endSession.statusCode(), "end session"),
                    () -> assertEquals(404, mtlsAlias.statusCode(), "mutual TLS, off by default as in Duende"),
                    () -> assertEquals(404, par.statusCode(), "pushed authorization requests"),
                    () -> assertEquals(404, preflight.statusCode(), "no preflight for what does not exist"),
                    () -> assertFalse(preflight.headers().firstValue("Access-Control-Allow-Origin").isPresent()));

            var metadata = JSONObjectUtils.parse(Http.get(URI.create(base + ".well-known/openid-configuration")).body());
            for (String absent : List.of("introspection_endpoint", "introspection_endpoint_auth_methods_supported",
                    "revocation_endpoint", "revocation_endpoint_auth_methods_supported", "userinfo_endpoint",
                    "end_session_endpoint", "mtls_endpoint_aliases", "tls_client_certificate_bound_access_tokens",
                    "pushed_authorization_request_endpoint", "require_pushed_authorization_requests")) {
                assertNull(metadata.get(absent), absent);
            }
            assertEquals(base + "connect/token", metadata.get("token_endpoint"));
            assertEquals(List.of("client_secret_basic", "client_secret_post"), metadata.get("token_endpoint_auth_methods_supported"),
                    "no private_key_jwt, client_secret_jwt or mutual TLS");
            assertNull(metadata.get("token_endpoint_auth_signing_alg_values_supported"));

            var token = Http.post(URI.create(base + "connect/token"), "application/x-www-form-urlencoded",
                    "grant_type=client_credentials", Map.of("Authorization", basic));
            assertEquals(200, token.statusCode(), token.body());

            // Payara's own MicroProfile endpoints share Gatehouse's context root and answer anyone: off
            // (server-config/pre-boot-commands.asadmin).
            for (String payaras : List.of("metrics", "metrics/base", "health", "health/ready", "openapi")) {
                var response = Http.get(URI.create(base + payaras));
                assertTrue(response.statusCode() == 403 || response.statusCode() == 404, payaras + ": " + response.statusCode());
                assertFalse(response.body().contains("\"status\"") || response.body().contains("# TYPE"), payaras);
            }

            // The issuer and the endpoints are the configured issuer's, whatever Host a caller sends (here the
            // node's production shape: gatehouse.issuer-uri is its own URL).
            String forged = rawGet(node.port(), "/.well-known/openid-configuration", "attacker.example");
            assertTrue(forged.startsWith("HTTP/1.1 200"), forged);
            assertTrue(forged.contains("\"issuer\":\"" + node.baseUrl() + "\""), forged);
            assertTrue(forged.contains("\"token_endpoint\":\"" + base + "connect/token\""), forged);
            assertFalse(forged.contains("attacker.example"), forged);
        }
    }

    /** A request with a Host header of its own choosing, which java.net.http does not allow. */
    private static String rawGet(int port, String path, String host) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
