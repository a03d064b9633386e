package org.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The browser ITs' machinery works: headless Chromium reaches Gatehouse on localhost and the relying party's listener. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserSmokeIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    static final RelyingParty app = new RelyingParty();

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    @Test
    void chromiumOpensTheDiscoveryDocumentOnLocalhost() throws Exception {
        String issuer = "http://localhost:" + base.getPort();

        browser.open(URI.create(issuer + "/.well-known/openid-configuration"));

        var json = JSONObjectUtils.parse(browser.driver().findElement(By.tagName("pre")).getText());
        assertEquals(issuer, json.get("issuer"), "the issuer follows the browser's Host");
        assertEquals(issuer + "/.well-known/openid-configuration/jwks", json.get("jwks_uri"));
    }

    @Test
    void chromiumResolvesNoHostButLoopback() {
        String failure;
        try {
            browser.open(URI.create("http://mvc.example/logo.png"));
            failure = browser.driver().getPageSource();
        } catch (org.openqa.selenium.WebDriverException e) {
            failure = e.getMessage();
        }
        assertTrue(failure.contains("ERR_NAME_NOT_RESOLVED"), failure.substring(0, Math.min(300, failure.length())));
    }

    @Test
    void chromiumReachesTheRelyingPartyAndItRecordsTheRequest() {
        browser.open(URI.create(RelyingParty.ORIGIN + "/signin-oidc?code=abc&state=x%20y"));

        assertEquals("Relying party", browser.waitForId("relying-party").getText());
        var request = app.next();
        assertEquals("GET", request.method());
        assertEquals("/signin-oidc", request.path());
        assertEquals("abc", request.parameter("code"));
        assertEquals("x y", request.parameter("state"));
        assertTrue(app.requests().stream().noneMatch(r -> r.path().equals("/favicon.ico")));
    }
}
