package org.gatehouse.launcher.boundary;

import static org.gatehouse.testing.Pages.Page.LOGIN;
import static org.gatehouse.testing.Pages.Page.RELYING_PARTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.gatehouse.testing.BrowserScenario;
import org.gatehouse.testing.OidcFlow;
import org.gatehouse.testing.RelyingParty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Gatehouse's root page as an application launcher (OIDC Core §4, third-party-initiated login), in headless Chromium:
 * logout.one, the IT client with an InitiateLoginUri, is listed under its ClientName, and its link reaches the
 * application with Gatehouse's iss; signed in, the page says so and offers sign-out.
 */
class LauncherIT extends BrowserScenario {

    @Test
    void theRootPageListsTheApplicationsAndStartsTheirSignInWithIss() {
        browser.open(URI.create(issuer + "/"));
        assertEquals("Sign in", browser.driver().findElement(By.id("launcher")).getText());
        var links = browser.driver().findElements(By.className("application"));
        assertEquals(1, links.size(), "only clients with an InitiateLoginUri");
        assertEquals("Logout One", links.get(0).getText());
        pages.clickAndLeave(links.get(0));
        var started = app.next();
        assertEquals("/one/login", started.path());
        assertEquals(issuer, started.parameter("iss"));
    }

    @Test
    void aSignedInUserSeesTheirApplicationsAndCanSignOut() {
        var one = OidcFlow.publicClient(issuer, "logout.one", RelyingParty.ORIGIN + "/one/callback", "openid");
        assertEquals(LOGIN, start(one));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        browser.open(URI.create(issuer + "/"));
        assertEquals("Your applications", browser.driver().findElement(By.id("launcher")).getText());
        assertTrue(browser.driver().findElement(By.id("sign-out")).getDomProperty("href").endsWith("/connect/endsession"));
        assertEquals(List.of(), pages.unlabelledFields());
    }
}
