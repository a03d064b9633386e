package org.gatehouse.pages.boundary;

import static org.gatehouse.pages.control.Html.escape;
import static org.gatehouse.pages.control.Html.hidden;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.gatehouse.pages.entity.Application;
import org.gatehouse.pages.entity.ScopeChoice;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.OAuthError;

/**
 * Gatehouse's server-rendered pages: plain HTML from JAX-RS rather than Jakarta Faces. Four small forms
 * need no component tree, and Faces' per-user view state would need sticky sessions or session
 * replication across nodes, where these pages are stateless (the request travels in the form, the session
 * in the grant store). Every page forbids framing (clickjacking) and scripts; every value is escaped.
 */
@ApplicationScoped
public class Pages {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** No scripts, no framing, styles and images from here (a client's logo may be elsewhere, over https). */
    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' https: data:;"
            + " frame-ancestors 'none'; base-uri 'none'";

    @Inject
    Branding branding;

    /** @param returnsTo where the sign-in ends (the client's redirect URI), which the form may lead to (CSP form-action) */
    public Response login(String base, String clientName, String username, String authorize, Csrf.Token csrf, String error,
            int status, String returnsTo) {
        var body = new StringBuilder()
                .append("<h1>Sign in</h1>");
        if (clientName != null) {
            body.append("<p class=\"muted\">to continue to <strong id=\"client-name\">").append(escape(clientName))
                    .append("</strong></p>");
        }
        if (error != null) {
            body.append("<p id=\"error\" class=\"error\" role=\"alert\">").append(escape(error)).append("</p>");
        }
        body.append("<form id=\"login\" method=\"post\" action=\"").append(escape(base)).append(Endpoints.LOGIN).append("\">")
                .append(hidden(Csrf.FIELD, csrf.form())).append(hidden("authorize", authorize))
                .append("<label for=\"username\">Username</label>")
                .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required")
                .append(" autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"200\" value=\"").append(escape(username))
                .append("\"").append(username == null || username.isEmpty() ? " autofocus" : "").append(">")
                .append("<label for=\"password\">Password</label>")
                .append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\"")
                .append(" required maxlength=\"1000\"").append(username == null || username.isEmpty() ? "" : " autofocus")
                .append(">")
                .append("<div class=\"actions\"><button type=\"submit\" id=\"sign-in\" name=\"button\" value=\"login\"")
                .append(" class=\"primary\">Sign in</button>")
                .append("<button type=\"submit\" id=\"cancel\" name=\"button\" value=\"cancel\" class=\"secondary\"")
                .append(" formnovalidate>Cancel</button></div></form>");
        return page(status, "Sign in", base, body, null, formActions(returnsTo), csrf.cookie());
    }

    public Response consent(String base, String clientName, String clientUri, String logoUri, List<ScopeChoice> scopes,
            boolean allowRemember, String authorize, Csrf.Token csrf, String returnsTo) {
        var body = new StringBuilder("<div class=\"client\">");
        if (logoUri != null && logoUri.startsWith("https://")) {
            body.append("<img src=\"").append(escape(logoUri)).append("\" alt=\"\">");
        }
        body.append("<h1><span id=\"client-name\">").append(escape(clientName)).append("</span> is requesting your permission</h1></div>");
        if (clientUri != null && (clientUri.startsWith("https://") || clientUri.startsWith("http://"))) {
            body.append("<p><a id=\"client-uri\" href=\"").append(escape(clientUri)).append("\" rel=\"noopener noreferrer\">")
                    .append(escape(clientUri)).append("</a></p>");
        }
        body.append("<form id=\"consent\" method=\"post\" action=\"").append(escape(base)).append(Endpoints.CONSENT).append("\">")
                .append(hidden(Csrf.FIELD, csrf.form())).append(hidden("authorize", authorize))
                .append("<fieldset><legend>Uncheck what you do not wish to grant.</legend>");
        for (var scope : scopes) {
            String id = "scope-" + scope.name();
            body.append("<div class=\"scope\"><input type=\"checkbox\" name=\"scope\" id=\"").append(escape(id))
                    .append("\" value=\"").append(escape(scope.name())).append("\" checked")
                    .append(scope.required() ? " disabled" : "").append(">");
            if (scope.required()) { // a disabled box is not submitted: the scope goes in a hidden field
                body.append(hidden("scope", scope.name()));
            }
            body.append("<label for=\"").append(escape(id)).append("\">")
                    .append(scope.emphasize() ? "<strong>" : "").append(escape(scope.displayName()))
                    .append(scope.emphasize() ? "</strong>" : "").append(scope.required() ? " (required)" : "");
            if (scope.description() != null && !scope.description().isEmpty()) {
                body.append("<span class=\"description\">").append(escape(scope.description())).append("</span>");
            }
            body.append("</label></div>");
        }
        body.append("</fieldset>");
        if (allowRemember) {
            body.append("<div class=\"scope\"><input type=\"checkbox\" name=\"remember\" id=\"remember\" value=\"true\" checked>")
                    .append("<label for=\"remember\">Remember my decision</label></div>");
        }
        body.append("<div class=\"actions\"><button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\"")
                .append(" class=\"primary\">Yes, allow</button>")
                .append("<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\" class=\"secondary\">No, do not allow</button>")
                .append("</div></form>");
        return page(200, "Permission requested", base, body, null, formActions(returnsTo), csrf.cookie());
    }

    public Response error(String base, OAuthError error) {
        var body = new StringBuilder("<h1>Sorry, there was an error</h1>")
                .append("<p role=\"alert\"><strong id=\"error-code\">").append(escape(error.code())).append("</strong></p>");
        if (error.description() != null) {
            body.append("<p id=\"error-description\">").append(escape(error.description())).append("</p>");
        }
        return page(400, "Error", base, body, null, "'none'");
    }

    /** The root page: the applications a user can start, and sign-out for one who is signed in (if it may). */
    public Response launcher(String base, List<Application> applications, boolean signedIn, boolean signOut) {
        var body = new StringBuilder("<h1 id=\"launcher\">").append(signedIn ? "Your applications" : "Sign in")
                .append("</h1>");
        if (applications.isEmpty()) {
            body.append("<p>No application can be started from here.</p>");
        } else {
            body.append("<p class=\"muted\">").append(signedIn ? "You are signed in: open an application."
                    : "Choose the application to sign in to.").append("</p><ul id=\"applications\">");
            for (var application : applications) {
                body.append("<li><a class=\"application\" href=\"").append(escape(application.initiateLoginUri())).append("\">")
                        .append(escape(application.name())).append("</a></li>");
            }
            body.append("</ul>");
        }
        if (signedIn && signOut) {
            body.append("<p><a id=\"sign-out\" href=\"").append(escape(base)).append(Endpoints.END_SESSION)
                    .append("\">Sign out</a></p>");
        }
        return page(200, signedIn ? "Your applications" : "Sign in", base, body, null, "'none'");
    }

    /**
     * The signed-out page: one hidden iframe per front-channel logout URI (OpenID Connect Front-Channel Logout 1.0 §2),
     * framed from exactly their origins, then back to {@code redirect} (RP-Initiated Logout 1.0 §3) by a refresh that
     * a browser runs only once the page, its iframes included, has loaded: no script needed.
     */
    public Response signedOut(String base, String redirect, List<String> frontChannelUris) {
        var body = new StringBuilder("<h1 id=\"signed-out\">You are signed out</h1>");
        for (String uri : frontChannelUris) {
            body.append("<iframe class=\"front-channel-logout\" hidden title=\"Signing out of an application\" src=\"")
                    .append(escape(uri)).append("\"></iframe>");
        }
        String head = "";
        if (redirect != null) {
            body.append("<p><a id=\"post-logout-redirect\" href=\"").append(escape(redirect))
                    .append("\">Return to the application</a></p>");
            head = "<meta http-equiv=\"refresh\" content=\"0; url='" + escape(redirect.replace("'", "%27")) + "'\">";
        } else {
            body.append("<p>You can close this window.</p>");
        }
        var frames = frontChannelUris.stream().map(Pages::source).distinct().collect(Collectors.joining(" "));
        return page(200, "Signed out", base, head, body, null, "'none'", frames.isEmpty() ? null : frames);
    }

    /** @param returnsTo where the sign-out ends (a registered post-logout URI), which the form may lead to */
    public Response confirmSignOut(String base, Map<String, String> parameters, Csrf.Token csrf, String returnsTo) {
        var body = new StringBuilder("<h1>Sign out</h1><p>Do you want to sign out of Gatehouse?</p>")
                .append("<form id=\"sign-out-form\" method=\"post\" action=\"").append(escape(base)).append(Endpoints.END_SESSION).append("\">")
                .append(hidden(Csrf.FIELD, csrf.form()));
        parameters.forEach((name, value) -> body.append(hidden(name, value)));
        body.append("<div class=\"actions\"><button type=\"submit\" id=\"sign-out\" class=\"primary\">Yes, sign out</button></div></form>");
        return page(200, "Sign out", base, "", body, null, returnsTo == null ? "'self'" : formActions(returnsTo), null,
                csrf.cookie());
    }

    /**
     * js-sha256 1.0.0 (MIT, {@code ui/js-sha256.LICENSE.txt}; npm {@code sha512-Bqxf6ENUzYIMzuELCmRNrJOVbjKH1oMgbfY…}):
     * the check-session iframe hashes with it, not WebCrypto, whose {@code crypto.subtle} exists only in secure
     * contexts (not on plain HTTP beyond localhost) and not in every scripted browser (the conformance suite's HtmlUnit).
     */
    private static final String SHA256_SCRIPT = resource("/ui/js-sha256.min.js");

    /**
     * The check-session iframe (Session Management 1.0 §3.2): a script that answers a relying party's
     * {@code postMessage("<client_id> <session_state>")} with {@code unchanged} when the session_state still matches
     * the browser-state cookie {@code cookieName} (see {@code SessionStates}), {@code changed} when not, and
     * {@code error} for a malformed message, to the sender's origin only. Unlike every other page it must be framed by
     * the relying parties, from any origin (frame-ancestors *); it shows nothing and reveals only whether a
     * session_state the framing page already holds is still current.
     */
    public Response checkSession(String cookieName) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        String script = SHA256_SCRIPT
                + ";var COOKIE = '" + cookieName + "=';"
                + "function browserState() { var all = document.cookie.split('; ');"
                + " for (var i = 0; i < all.length; i++) { if (all[i].indexOf(COOKIE) === 0) { return all[i].substring(COOKIE.length); } }"
                + " return ''; }"
                + "window.addEventListener('message', function (e) {"
                + " if (e.source === null || typeof e.data !== 'string') { return; }"
                + " var parts = e.data.split(' '); var dot = parts.length === 2 ? parts[1].lastIndexOf('.') : -1;"
                + " if (dot < 1) { e.source.postMessage('error', e.origin); return; }"
                + " var salt = parts[1].substring(dot + 1);"
                // js-sha256 hashes a string as its UTF-8 bytes and answers lower-case hex, as SessionStates computes it.
                + " var hex = sha256(parts[0] + ' ' + e.origin + ' ' + browserState() + ' ' + salt);"
                + " e.source.postMessage(hex + '.' + salt === parts[1] ? 'unchanged' : 'changed', e.origin);"
                + "});";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Check session - Gatehouse</title>"
                + "</head><body><script nonce=\"" + nonce + "\">" + script + "</script></body></html>";
        return Response.ok(html, "text/html; charset=UTF-8")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; frame-ancestors *;"
                        + " base-uri 'none'; form-action 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * OAuth 2.0 Form Post Response Mode §2: an auto-submitting form to the redirect URI; the one script
     * any page runs, allowed by a nonce.
     */
    public Response formPost(String base, String action, Map<String, String> parameters) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        var body = new StringBuilder("<form method=\"post\" action=\"").append(escape(action)).append("\">");
        parameters.forEach((name, value) -> body.append(hidden(name, value)));
        body.append("<noscript><p>Your browser does not run scripts: press the button to continue.</p>")
                .append("<button type=\"submit\" class=\"primary\">Continue</button></noscript></form>")
                .append("<script nonce=\"").append(nonce).append("\">document.forms[0].submit();</script>");
        return page(200, "Submit this form", base, body, nonce, source(action));
    }

    /**
     * CSP form-action for a page whose form ends at the client: Gatehouse itself and the redirect URI's origin,
     * since browsers hold the redirects after a form's post to form-action too.
     */
    private static String formActions(String returnsTo) {
        return "'self' " + source(returnsTo);
    }

    /**
     * A CSP source for a redirect URI: its origin, or for a native app's private-use scheme (RFC 8252 §7.1) the
     * scheme; nothing that is not a parsed URI gets into the header.
     */
    private static String source(String url) {
        try {
            var uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return Csrf.originOf(url);
            }
            return scheme.matches("[a-z][a-z0-9+.-]*") ? scheme + ":" : "'none'";
        } catch (URISyntaxException e) {
            return "'none'";
        }
    }

    private Response page(int status, String title, String base, CharSequence body, String scriptNonce, String formActions,
            NewCookie... cookies) {
        return page(status, title, base, "", body, scriptNonce, formActions, null, cookies);
    }

    /**
     * @param head        markup for the head, after the title
     * @param formActions the page's CSP form-action: where its forms (and the redirects after them) may go
     * @param frames      the CSP frame-src sources, or null for none (the default-src)
     */
    private Response page(int status, String title, String base, String head, CharSequence body, String scriptNonce,
            String formActions, String frames, NewCookie... cookies) {
        var html = new StringBuilder(2048)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\">")
                .append("<title>").append(escape(title)).append(" - Gatehouse</title>").append(head)
                .append("<link rel=\"stylesheet\" href=\"").append(escape(base)).append(Endpoints.UI + "/" + Endpoints.STYLESHEET + "\">")
                .append("<link rel=\"stylesheet\" href=\"").append(escape(base)).append(Endpoints.UI + "/" + Endpoints.BRAND_STYLESHEET + "\"></head><body>")
                .append("<header>")
                .append(branding.logo().isPresent()
                        ? "<img src=\"" + escape(base) + Endpoints.UI + "/" + Endpoints.LOGO + "\" alt=\"Gatehouse\">"
                        : "<span class=\"brand\">Gatehouse</span>")
                .append("</header><main>").append(body).append("</main></body></html>");
        String policy = POLICY + "; form-action " + formActions
                + (scriptNonce == null ? "" : "; script-src 'nonce-" + scriptNonce + "'")
                + (frames == null ? "" : "; frame-src " + frames);
        return Response.status(status)
                .type("text/html; charset=UTF-8")
                .header("Content-Security-Policy", policy)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .cookie(cookies)
                .entity(html.toString())
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the WAR");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
