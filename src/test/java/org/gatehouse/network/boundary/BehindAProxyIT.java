package org.gatehouse.network.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatehouse.testing.Http;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.SignInFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse behind a TLS-terminating proxy on 127.0.0.1 (gatehouse.trusted-proxies): every request comes from the
 * proxy's address, and only its X-Forwarded-For says whose it is. Production-shaped node, the IT clients.
 */
class BehindAProxyIT {

    private static final int PORT = Integer.getInteger("it.port.proxy", 18092);
    private static final String AUTHORIZE = "connect/authorize?client_id=web&response_type=code&scope=openid"
            + "&redirect_uri=https://web.example/signin-oidc&state=s&nonce=n&code_challenge_method=S256"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuwm_Wq0wJ0"; // RFC 7636 Appendix B

    private static PayaraMicroProcess node;
    private static URL base;

    @BeforeAll
    static void start() throws MalformedURLException {
        node = PayaraMicroProcess.start("behind-a-proxy", PORT, Map.of(
                "gatehouse.settings-file", "src/test/resources/it/appsettings.json",
                "gatehouse.key-management.encryption-key", "integration-tests-only",
                "gatehouse.trusted-proxies", "127.0.0.1, ::1"), Map.of(), List.of()).awaitReady(Duration.ofMinutes(3));
        base = URI.create(node.baseUrl() + "/").toURL();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A browser behind the proxy, at {@code address}, on the login page of a fresh authorization request. */
    private static SignInFlow browserAt(String address) {
        return new SignInFlow(base).header("X-Forwarded-For", address).header("X-Forwarded-Proto", "https");
    }

    private static HttpResponse<String> loginPage(SignInFlow browser) {
        var redirect = browser.get(AUTHORIZE + "&prompt=login"); // a login page, signed in or not
        assertEquals(302, redirect.statusCode(), redirect.body());
        var login = browser.location(redirect);
        assertEquals("https", login.getScheme(), "the scheme the proxy was asked for");
        // What the proxy does with the browser's https request: plain HTTP to Gatehouse.
        return browser.get(URI.create(login.toString().replaceFirst("^https:", "http:")));
    }

    @Test
    void anAddressGuessingPasswordsIsSlowedDownWithoutLockingOutItsOwnUsersOrTheOthersBehindTheProxy() {
        var attacker = browserAt("203.0.113.66");
        var page = loginPage(attacker);
        for (int i = 0; i < 20; i++) { // the failures an address may have
            assertEquals(400, attacker.login(page, "user" + i, "guess").statusCode());
        }
        long started = System.nanoTime();
        assertEquals(400, attacker.login(page, "user20", "guess").statusCode());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= 900, "the address is slowed down");

        var colleague = browserAt("203.0.113.66"); // the same address: a company's NAT
        var signedIn = colleague.login(loginPage(colleague), "alice", "alice");
        assertEquals(303, signedIn.statusCode(), "a right password from the slowed address gets through: " + signedIn.body());

        var elsewhere = browserAt("198.51.100.7");
        started = System.nanoTime();
        var other = elsewhere.login(loginPage(elsewhere), "alice", "alice");
        assertEquals(303, other.statusCode(), other.body());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 900, "another address is not slowed");
        assertTrue(other.headers().firstValue("Location").orElseThrow().startsWith("https://"),
                "the redirect is to the scheme the proxy was asked for: " + other.headers().firstValue("Location"));
    }

    @Test
    void answersOverHttpsCarryHstsAndPlainHttpOnesDoNot() { // RFC 6797 §7.2
        var viaProxy = Http.get(URI.create(node.baseUrl() + "/.well-known/openid-configuration"),
                Map.of("X-Forwarded-Proto", "https"));
        assertEquals("max-age=31536000", viaProxy.headers().firstValue("Strict-Transport-Security").orElse(null));
        var direct = Http.get(URI.create(node.baseUrl() + "/.well-known/openid-configuration"));
        assertTrue(direct.headers().firstValue("Strict-Transport-Security").isEmpty());
    }

    @Test
    void theOwnersBrowserSignsInWhileSomeoneWhoKnowsTheUsernameKeepsFailing() {
        var bob = browserAt("198.51.100.20");
        assertEquals(303, bob.login(loginPage(bob), "bob", "bob").statusCode(), "a first sign-in: the device cookie");
        for (int i = 0; i < 8; i++) {
            var attacker = browserAt("203.0.113." + (100 + i)); // many addresses, one username
            attacker.login(loginPage(attacker), "bob", "guess" + i);
        }
        var elsewhere = browserAt("198.51.100.21");
        assertEquals(429, elsewhere.login(loginPage(elsewhere), "bob", "bob").statusCode(), "a new browser is throttled");
        assertEquals(303, bob.login(loginPage(bob), "bob", "bob").statusCode(), "bob's own browser is not");
    }

    @Test
    void aSignInFloodFromManyAddressesLeavesTheTokenEndpointAnswering() throws Exception {
        var baseline = tokenLatencies(40, null);
        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        var flooding = new AtomicBoolean(true);
        // A few dozen attempts per second (8 senders, 5 per second each), each from a new address and for a new
        // username, so that no per-address or per-account limit applies: about ten cores' worth of PBKDF2.
        int senders = 8;
        ExecutorService flood = Executors.newFixedThreadPool(senders);
        for (int t = 0; t < senders; t++) {
            int thread = t;
            flood.submit(() -> {
                var browser = browserAt("192.0.2." + thread);
                var page = loginPage(browser);
                for (int i = 0; flooding.get(); i++) {
                    long started = System.nanoTime();
                    browser.header("X-Forwarded-For", "2001:db8:" + thread + ":" + i + "::1");
                    int status = browser.login(page, "flood" + thread + "-" + i, "guess").statusCode();
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    Thread.sleep(Math.max(0, 200 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
                }
                return null;
            });
        }
        Thread.sleep(2_000); // the flood under way
        List<Long> underFlood;
        try {
            underFlood = tokenLatencies(40, flooding);
        } finally {
            flooding.set(false);
            flood.shutdown();
            assertTrue(flood.awaitTermination(60, TimeUnit.SECONDS));
        }
        long before = percentile(baseline, 50);
        long during = percentile(underFlood, 50);
        System.out.printf("client_credentials latency: median %d ms alone, %d ms (p90 %d ms) under a sign-in flood;"
                + " flood answers %s%n", before, during, percentile(underFlood, 90), statuses);
        assertAll(
                () -> assertTrue(statuses.containsKey(503), "password checks were bounded: " + statuses),
                () -> assertTrue(during < Math.max(5 * before, 60), "median " + during + " ms, alone " + before + " ms"),
                () -> assertTrue(percentile(underFlood, 90) < 500, "p90 " + percentile(underFlood, 90) + " ms"));
    }

    /** Milliseconds of {@code count} client-credentials requests, one after the other; each must succeed. */
    private static List<Long> tokenLatencies(int count, AtomicBoolean whileTrue) {
        var latencies = new ArrayList<Long>();
        for (int i = 0; i < count && (whileTrue == null || whileTrue.get()); i++) {
            long start = System.nanoTime();
            var token = Http.post(URI.create(node.baseUrl() + "/connect/token"), "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&scope=api1", Map.of("Authorization", Http.basic("client", "secret")));
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertEquals(200, token.statusCode(), token.body());
        }
        return latencies;
    }

    private static long percentile(List<Long> values, int percent) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }
}
