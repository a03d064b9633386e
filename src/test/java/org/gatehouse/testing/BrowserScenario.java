package org.gatehouse.testing;

import static org.gatehouse.testing.Pages.Page.LOGIN;
import static org.gatehouse.testing.Pages.Page.RELYING_PARTY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the browser ITs share: Gatehouse deployed at the root (one Payara Micro per subclass), headless Chromium
 * ({@link Browser}), the relying party receiving the redirects on 127.0.0.1:18480 ({@link RelyingParty}), the
 * {@link Pages}, and the clients mvc (confidential, asks for consent) and spa (public, PKCE, no consent) of
 * src/test/resources/it/appsettings.json, with users alice/alice (subject "1") and bob/bob (subject "2").
 *
 * <p>The browser and the relying party live for one test class; before each test the browser's cookies are cleared
 * (no session) and the relying party forgets what it received. Server-side state, such as remembered consent, lives
 * as long as the subclass's deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class BrowserScenario {

    protected static final String MVC_REDIRECT = RelyingParty.ORIGIN + "/signin-oidc";
    protected static final String MVC_SIGNED_OUT = RelyingParty.ORIGIN + "/signout-callback-oidc";
    protected static final String SPA_REDIRECT = RelyingParty.ORIGIN + "/spa/callback";
    protected static final String SPA_SIGNED_OUT = RelyingParty.ORIGIN + "/spa/";

    @RegisterExtension
    protected static final Browser browser = new Browser();

    @RegisterExtension
    protected static final RelyingParty app = new RelyingParty();

    protected static final Pages pages = new Pages(browser);

    @Deployment(testable = false)
    public static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    protected URL base;

    protected String issuer;

    @BeforeEach
    protected void locate() {
        issuer = "http://localhost:" + base.getPort(); // localhost: a secure context, where Secure cookies work over http
    }

    protected OidcFlow mvc(String scope) {
        return OidcFlow.confidential(issuer, "mvc", MVC_REDIRECT, scope);
    }

    protected OidcFlow spa(String scope) {
        return OidcFlow.publicClient(issuer, "spa", SPA_REDIRECT, scope);
    }

    /** Opens the flow's authorization request in the browser and says where the browser comes to rest. */
    protected Pages.Page start(OidcFlow flow) {
        browser.open(flow.authorizationUri());
        return pages.landing();
    }

    /** Signs alice in to spa from scratch and returns the validated flow's tokens' claims holder. */
    protected OidcFlow signedInToSpa() {
        var flow = spa("openid profile api1");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        assertEquals("1", flow.validate(tokens).getSubject().getValue());
        return flow;
    }
}
