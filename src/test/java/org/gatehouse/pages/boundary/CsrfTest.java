package org.gatehouse.pages.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Cookie;
import java.util.Map;
import org.gatehouse.keys.control.TestMacKeys;
import org.gatehouse.testing.TestRuntimeDelegate;
import org.junit.jupiter.api.Test;

class CsrfTest {

    private static final String ORIGIN = "https://sso.example";

    static {
        TestRuntimeDelegate.install(); // Cookie needs a JAX-RS runtime
    }

    private final Csrf csrf = new Csrf();
    {
        csrf.macs = TestMacKeys.create("a-long-random-secret-0123456789");
    }

    private static Map<String, Cookie> cookie(String id) {
        return Map.of(Csrf.COOKIE, new Cookie.Builder(Csrf.COOKIE).value(id).build());
    }

    private boolean accepts(Csrf.Token token, String submitted, Map<String, String> headers) {
        return csrf.accepts(cookie(token.id()), headers::get, submitted, ORIGIN);
    }

    @Test
    void theFormCarriesTheMacOfTheCookiesIdNotTheIdItself() {
        var token = csrf.token(Map.of());
        assertEquals(43, token.id().length());
        assertNotEquals(token.id(), token.form());
        assertEquals(token, csrf.token(cookie(token.id())), "the browser's id is kept");
        assertTrue(accepts(token, token.form(), Map.of("Sec-Fetch-Site", "same-origin")));
    }

    @Test
    void aPlantedCookieWithAnyValueIsWorthNothingWithoutTheServerKey() {
        var token = csrf.token(Map.of());
        assertFalse(accepts(token, token.id(), Map.of()), "the double-submit of old: the cookie's value as the token");
        assertFalse(accepts(token, csrf.token(Map.of()).form(), Map.of()), "another browser's token");
        var otherServer = new Csrf();
        otherServer.macs = TestMacKeys.create("another-long-random-secret-0123");
        assertFalse(accepts(token, otherServer.token(cookie(token.id())).form(), Map.of()), "a token made under another key");
        assertFalse(csrf.accepts(Map.of(), Map.<String, String>of()::get, token.form(), ORIGIN), "no cookie");
    }

    @Test
    void aPostFromAnotherSiteOrASiblingSubdomainIsRefusedEvenWithTheRightToken() { // Fetch Metadata
        var token = csrf.token(Map.of());
        assertFalse(accepts(token, token.form(), Map.of("Sec-Fetch-Site", "cross-site")));
        assertFalse(accepts(token, token.form(), Map.of("Sec-Fetch-Site", "same-site")));
        assertTrue(accepts(token, token.form(), Map.of("Sec-Fetch-Site", "none")));
    }

    @Test
    void withoutFetchMetadataTheOriginMustBeOurs() {
        var token = csrf.token(Map.of());
        assertTrue(accepts(token, token.form(), Map.of("Origin", "https://SSO.example")));
        assertFalse(accepts(token, token.form(), Map.of("Origin", "https://evil.example")));
        assertFalse(accepts(token, token.form(), Map.of("Origin", "null")));
        assertTrue(accepts(token, token.form(), Map.of()), "an old browser: the token alone");
    }

    @Test
    void originsAreSchemeHostAndAPortOtherThanTheDefault() {
        assertEquals("https://sso.example", Csrf.originOf("https://SSO.example:443/gatehouse/"));
        assertEquals("http://localhost:8080", Csrf.originOf("http://localhost:8080/"));
    }
}
