package org.gatehouse.authorize.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;
import org.junit.jupiter.api.Test;

/** The request the login page sends the browser back with (OIDC Core §3.1.2.1 prompt). */
class LoginResourceTest {

    private static final String REQUEST = "client_id=web&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code"
            + "&scope=openid%20api1&state=a%20b%26c&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            + "&code_challenge_method=S256";

    private static Form parse(String encoded) {
        return FormParser.parseEncoded(encoded).fold(f -> f, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private static Form afterSignIn(String query) {
        return parse(LoginResource.afterSignIn(parse(query)));
    }

    private static Optional<String> promptAfterSignIn(String prompt) {
        return afterSignIn(REQUEST + "&prompt=" + prompt).value("prompt");
    }

    @Test
    void withoutPromptTheRequestIsUnchanged() {
        assertEquals(REQUEST, LoginResource.afterSignIn(parse(REQUEST)));
    }

    @Test
    void promptLoginIsRemovedElseTheUserWouldSignInForever() {
        var form = afterSignIn(REQUEST + "&prompt=login");
        assertEquals(Optional.empty(), form.value("prompt"));
        assertEquals(parse(REQUEST), form);
    }

    @Test
    void promptSelectAccountIsRemoved() {
        assertEquals(Optional.empty(), promptAfterSignIn("select_account"));
        assertEquals(Optional.empty(), promptAfterSignIn("login%20select_account"));
    }

    @Test
    void consentIsKept() {
        assertEquals(Optional.of("consent"), promptAfterSignIn("login%20consent"));
        assertEquals(Optional.of("consent"), promptAfterSignIn("consent+login"));
        assertEquals(Optional.of("consent"), promptAfterSignIn("consent"));
    }

    @Test
    void otherPromptsAreUntouched() {
        assertEquals(Optional.of("none"), promptAfterSignIn("none"));
        assertEquals(List.of("consent"), afterSignIn(REQUEST + "&prompt=consent").parameters().get("prompt"));
    }

    @Test
    void everyOtherParameterIsKeptExactly() {
        var form = afterSignIn("max_age=0&" + REQUEST + "&prompt=login&nonce=n%2B1&resource=https%3A%2F%2Fa.example"
                + "&resource=https%3A%2F%2Fb.example");
        assertEquals(Optional.empty(), form.value("max_age"), "satisfied by the sign-in just made; kept, max_age=0 would loop");
        assertEquals(Optional.of("a b&c"), form.value("state"));
        assertEquals(Optional.of("n+1"), form.value("nonce"));
        assertEquals(List.of("https://a.example", "https://b.example"), form.values("resource"));
        assertEquals(Optional.of("openid api1"), form.value("scope"));
    }
}
