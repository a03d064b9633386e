package org.gatehouse.pages.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.keys.control.MacKeys;

/**
 * Cross-site request forgery protection for the pages' forms. The browser holds a random pre-session id in a
 * {@code __Host-} cookie (Secure, Path=/, no Domain: a sibling subdomain cannot plant one), SameSite=Strict;
 * each form carries the id's MAC under a server key, so a token is good only with the cookie it was made for,
 * and nobody without the key can make one. A post must also come from Gatehouse's own pages: Fetch Metadata
 * ({@code Sec-Fetch-Site}) or, from browsers without it, {@code Origin} say where the form was.
 */
@ApplicationScoped
public class Csrf {

    public static final String COOKIE = "__Host-gatehouse.csrf";
    public static final String FIELD = "csrf";

    private static final String PURPOSE = "csrf";
    private static final int ID_LENGTH = 43; // 32 random bytes, base64url
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MacKeys macs;

    @Inject
    IssuerResolver issuers;

    /** What a page needs: the id for its cookie and the token for its form. */
    public record Token(String id, String form) {

        public NewCookie cookie() {
            return new NewCookie.Builder(COOKIE).value(id).path("/").secure(true).httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).build();
        }
    }

    /** The token for the browser's id, or for a new one (which the page then sets). */
    public Token token(Map<String, Cookie> cookies) {
        var cookie = cookies.get(COOKIE);
        String id = cookie != null && cookie.getValue().length() == ID_LENGTH ? cookie.getValue() : newId();
        return new Token(id, macs.mac(PURPOSE, id));
    }

    /**
     * Whether a posted form is the browser's own: its token is the MAC of the browser's id, and the post came
     * from one of Gatehouse's pages (its public origin, that of the issuer).
     */
    public boolean accepts(HttpHeaders headers, String submitted, URI requestBase) {
        return accepts(headers.getCookies(), headers::getHeaderString, submitted, originOf(issuers.base(requestBase)));
    }

    /** @param headers a request header's value by name, null when absent */
    boolean accepts(Map<String, Cookie> cookies, UnaryOperator<String> headers, String submitted, String origin) {
        var cookie = cookies.get(COOKIE);
        return cookie != null && cookie.getValue().length() == ID_LENGTH
                && macs.matches(PURPOSE, cookie.getValue(), submitted) && fromOwnPage(headers, origin);
    }

    /**
     * Fetch Metadata first: {@code same-origin}, or {@code none} (the user's own navigation); never
     * {@code same-site} (a sibling subdomain) or {@code cross-site}. Without it, an {@code Origin} must be ours;
     * without either (old browsers), the token alone decides.
     */
    private static boolean fromOwnPage(UnaryOperator<String> headers, String origin) {
        String site = headers.apply("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String posted = headers.apply("Origin");
        return posted == null || posted.equalsIgnoreCase(origin);
    }

    /** {@code scheme://host[:port]} of a URL, as browsers send it in {@code Origin}. */
    public static String originOf(String url) {
        var uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
