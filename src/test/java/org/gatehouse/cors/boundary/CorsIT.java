package org.gatehouse.cors.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.gatehouse.testing.GatehouseWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A browser application (the spa client, origin http://127.0.0.1:18480) calls the back-channel endpoints. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CorsIT {

    private static final String SPA = "http://127.0.0.1:18480";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseWar.atRoot();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsGranted() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("connect/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SPA).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertAll(
                () -> assertEquals(204, response.statusCode()),
                () -> assertEquals(SPA, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null)),
                () -> assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElse("")
                        .toLowerCase().contains("content-type")));
    }

    @Test
    void anotherOriginGetsNoGrant() throws Exception {
        var preflight = send(HttpRequest.newBuilder(uri("connect/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        var discovery = send(HttpRequest.newBuilder(uri(".well-known/openid-configuration")).header("Origin", "https://evil.example"));
        assertAll(
                () -> assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty()),
                () -> assertEquals(200, discovery.statusCode()),
                () -> assertTrue(discovery.headers().firstValue("Access-Control-Allow-Origin").isEmpty()));
    }

    @Test
    void responsesToAnAllowedOriginCarryTheGrantButPagesNever() throws Exception {
        var token = send(HttpRequest.newBuilder(uri("connect/token")).header("Origin", SPA)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=spa&refresh_token=unknown")));
        var jwks = send(HttpRequest.newBuilder(uri(".well-known/openid-configuration/jwks")).header("Origin", SPA));
        var authorize = send(HttpRequest.newBuilder(uri("connect/authorize?client_id=spa")).header("Origin", SPA));
        assertAll(
                () -> assertEquals(400, token.statusCode(), "invalid_grant, readable by the application"),
                () -> assertEquals(SPA, token.headers().firstValue("Access-Control-Allow-Origin").orElse(null)),
                () -> assertEquals(SPA, jwks.headers().firstValue("Access-Control-Allow-Origin").orElse(null)),
                () -> assertTrue(authorize.headers().firstValue("Access-Control-Allow-Origin").isEmpty()));
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + "/" + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
