package org.gatehouse.pages.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gatehouse.pages.entity.Application;
import org.gatehouse.pages.entity.ScopeChoice;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.testing.TestRuntimeDelegate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The server-rendered pages: escaping of everything reflected, security headers, and labelled inputs. */
class PagesTest {

    private static final String XSS = "\"><script>alert(1)</script>";
    private static final String ESCAPED = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    /** An error's description holds only RFC 6749 §5.2's characters (the quote becomes ?) before it is escaped. */
    private static final String ESCAPED_DESCRIPTION = "?&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    private static final String BASE = "https://id.example/";
    private static final Csrf.Token CSRF = new Csrf.Token("i".repeat(43), "f".repeat(43));
    private static final String RETURNS_TO = "https://app.example/cb";

    @BeforeAll
    static void runtime() {
        TestRuntimeDelegate.install();
    }

    private static Pages pages() {
        var branding = new Branding();
        branding.stylesheet = Optional.empty();
        branding.logo = Optional.empty();
        var pages = new Pages();
        pages.branding = branding;
        return pages;
    }

    private static List<ScopeChoice> scopes(String text) {
        return List.of(new ScopeChoice("openid", "Your user identifier" + text, "", true, false),
                new ScopeChoice("api1", "API " + text, "Reads " + text, false, true),
                new ScopeChoice("x" + text.replace(" ", ""), text, text, false, false));
    }

    /** Every page, with {@code text} in every value it reflects. */
    static Stream<Arguments> everyPage(String text) {
        var pages = pages();
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("id_token_hint", text);
        parameters.put(text, "state");
        return Stream.of(
                Arguments.of("login", pages.login(BASE, text, text, text, CSRF, text, 400, RETURNS_TO)),
                Arguments.of("login without error", pages.login(BASE, text, null, text, CSRF, null, 200, RETURNS_TO)),
                Arguments.of("consent", pages.consent(BASE, text, "https://app.example/" + text, "https://app.example/logo"
                        + text, scopes(text), true, text, CSRF, RETURNS_TO)),
                Arguments.of("error", pages.error(BASE, new OAuthError(ErrorCode.INVALID_REQUEST, text))),
                Arguments.of("signed out", pages.signedOut(BASE, "https://app.example/" + text,
                        List.of("https://app.example/front-channel?" + text))),
                Arguments.of("launcher", pages.launcher(BASE, List.of(new Application(text, "https://app.example/login?" + text)),
                        true, true)),
                Arguments.of("confirm sign out", pages.confirmSignOut(BASE, parameters, CSRF, RETURNS_TO)),
                Arguments.of("form post", pages.formPost(BASE, "https://app.example/cb" + text, parameters)));
    }

    static Stream<Arguments> everyPageWithXss() {
        return everyPage(XSS);
    }

    private static String html(Response response) {
        return (String) response.getEntity();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPageWithXss")
    void reflectedInputIsEscaped(String name, Response response) {
        String html = html(response);
        assertFalse(html.contains(XSS), html);
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains(name.equals("error") ? ESCAPED_DESCRIPTION : ESCAPED), html);
        long scripts = Pattern.compile("<script").matcher(html).results().count();
        assertEquals(name.equals("form post") ? 1 : 0, scripts, html); // only form post's own, nonce-bound
    }

    @Test
    void reflectedValuesArriveIntact() { // escaped, not dropped: the browser shows what was sent
        String html = html(pages().login(BASE, "A & B's <app>", "bob", "client_id=a&b", CSRF, null, 200, RETURNS_TO));
        assertTrue(html.contains("A &amp; B&#39;s &lt;app&gt;"), html);
        assertTrue(html.contains("name=\"authorize\" value=\"client_id=a&amp;b\""), html);
    }

    /** Clickjacking (RFC 6749 §10.13, RFC 9700 §4.16), caching of pages with tokens or CSRF values (RFC 6749 §5.1). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPageWithXss")
    void everyPageSendsTheSecurityHeaders(String name, Response response) {
        String policy = response.getHeaderString("Content-Security-Policy");
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("default-src 'none'"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertEquals("DENY", response.getHeaderString("X-Frame-Options"));
        assertEquals("no-store", response.getHeaderString("Cache-Control"));
        assertEquals("nosniff", response.getHeaderString("X-Content-Type-Options"));
        assertTrue(response.getHeaderString("Content-Type").startsWith("text/html"));
    }

    @Test
    void theFormPostScriptIsAllowedByItsNonceOnly() { // OAuth 2.0 Form Post Response Mode §2
        var response = pages().formPost(BASE, "https://app.example/cb", Map.of("code", "abc", "state", "xyz"));
        String html = html(response);
        var nonce = Pattern.compile("<script nonce=\"([^\"]+)\">").matcher(html);
        assertTrue(nonce.find(), html);
        assertTrue(response.getHeaderString("Content-Security-Policy").contains("script-src 'nonce-" + nonce.group(1) + "'"));
        assertTrue(html.contains("action=\"https://app.example/cb\""), html);
        assertTrue(html.contains("name=\"code\" value=\"abc\""), html);
    }

    @Test
    void consentLinksOnlyWebUris() {
        String html = html(pages().consent(BASE, "App", "javascript:alert(1)", "http://app.example/logo.png",
                scopes(""), false, "q", CSRF, RETURNS_TO));
        assertFalse(html.contains("javascript:"), html);
        assertFalse(html.contains("<img src=\"http://"), html); // a logo over plain http is not shown
    }

    @Test
    void formsMayLeadOnlyToGatehouseAndTheClientTheyEndAt() { // CSP form-action, redirects after the post included
        assertEquals(List.of("form-action 'self' https://app.example"), formActions(pages().login(BASE, "App", null, "q", CSRF,
                null, 200, RETURNS_TO)));
        assertEquals(List.of("form-action 'self' com.example.app:"), formActions(pages().consent(BASE, "App", null, null,
                scopes(""), true, "q", CSRF, "com.example.app:/callback")), "a native app's scheme (RFC 8252 §7.1)");
        assertEquals(List.of("form-action 'none'"), formActions(pages().error(BASE, new OAuthError(ErrorCode.INVALID_REQUEST, "x"))));
        assertEquals(List.of("form-action https://app.example:8443"), formActions(pages().formPost(BASE,
                "https://app.example:8443/cb", Map.of())));
    }

    /**
     * Front-Channel Logout 1.0 §4: the signed-out page frames each client's logout URI; its policy allows exactly
     * their origins in frame-src and is otherwise every page's policy.
     */
    @Test
    void theSignedOutPageMayFrameExactlyTheFrontChannelLogoutOrigins() {
        var framing = pages().signedOut(BASE, RETURNS_TO, List.of("https://one.example/logout?iss=x&sid=y",
                "https://two.example:8443/fc", "https://one.example/other"));
        var policy = directives(framing);
        assertEquals(List.of("frame-src https://one.example https://two.example:8443"),
                policy.stream().filter(d -> d.startsWith("frame-src")).toList());
        var plain = directives(pages().signedOut(BASE, RETURNS_TO, List.of()));
        assertEquals(plain, policy.stream().filter(d -> !d.startsWith("frame-src")).toList(), "nothing else changes");
        assertTrue(plain.stream().noneMatch(d -> d.startsWith("frame-src")), "without receivers, default-src 'none' frames nothing");
        String html = (String) framing.getEntity();
        assertTrue(html.contains("src=\"https://one.example/logout?iss=x&amp;sid=y\""), html);
    }

    private static List<String> directives(Response response) {
        return Stream.of(response.getHeaderString("Content-Security-Policy").split(";")).map(String::trim).toList();
    }

    private static List<String> formActions(Response response) {
        return Stream.of(response.getHeaderString("Content-Security-Policy").split(";")).map(String::trim)
                .filter(d -> d.startsWith("form-action")).toList();
    }

    @Test
    void theFormsCarryTheCsrfTokenAndSetItsCookie() {
        for (var response : List.of(pages().login(BASE, "App", null, "q", CSRF, null, 200, RETURNS_TO),
                pages().consent(BASE, "App", null, null, scopes(""), true, "q", CSRF, RETURNS_TO),
                pages().confirmSignOut(BASE, Map.of(), CSRF, null))) {
            assertTrue(html(response).contains("name=\"csrf\" value=\"" + CSRF.form() + "\""));
            var cookie = response.getCookies().get(Csrf.COOKIE);
            assertEquals(CSRF.id(), cookie.getValue());
            assertTrue(cookie.isHttpOnly() && cookie.isSecure());
        }
    }

    // --- accessibility: WCAG 2.1 SC 1.3.1 / 4.1.2, every input has a label ---

    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern LABEL_FOR = Pattern.compile("<label\\b[^>]*\\bfor=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");

    private static String attribute(String attributes, String name) {
        var matcher = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static void assertEveryInputLabelled(String html) {
        var labels = new HashSet<String>();
        LABEL_FOR.matcher(html).results().forEach(m -> labels.add(m.group(1)));
        var visible = new ArrayList<String>();
        INPUT.matcher(html).results().forEach(m -> {
            if (!"hidden".equals(attribute(m.group(1), "type"))) {
                String id = attribute(m.group(1), "id");
                assertTrue(id != null && labels.contains(id), "no <label for> for " + m.group() + " in " + html);
                visible.add(id);
            }
        });
        assertFalse(visible.isEmpty(), html);
        var ids = ID.matcher(html).results().map(m -> m.group(1)).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids must be unique: " + ids);
        labels.forEach(label -> assertTrue(ids.contains(label), "label for a missing id " + label));
    }

    @Test
    void everyLoginInputHasALabel() {
        assertEveryInputLabelled(html(pages().login(BASE, "App", "alice", "q", CSRF, "Invalid", 400, RETURNS_TO)));
        assertEveryInputLabelled(html(pages().login(BASE, "App", null, "q", CSRF, null, 200, RETURNS_TO)));
    }

    @Test
    void everyConsentInputHasALabel() {
        assertEveryInputLabelled(html(pages().consent(BASE, "App", "https://app.example", "https://app.example/logo.png",
                scopes(""), true, "q", CSRF, RETURNS_TO)));
        assertEveryInputLabelled(html(pages().consent(BASE, "App", null, null, scopes(XSS), false, "q", CSRF, RETURNS_TO)));
    }

    @Test
    void requiredScopesAreSubmittedThoughTheirBoxIsDisabled() {
        String html = html(pages().consent(BASE, "App", null, null, scopes(""), false, "q", CSRF, RETURNS_TO));
        assertTrue(html.contains("id=\"scope-openid\" value=\"openid\" checked disabled>"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"scope\" value=\"openid\">"), html);
        assertFalse(html.contains("<input type=\"hidden\" name=\"scope\" value=\"api1\">"), html);
    }
}
