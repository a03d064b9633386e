package org.gatehouse.pages.boundary;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Cross-site request forgery protection for the pages' forms: a random token in a SameSite=Strict cookie
 * that each form repeats in a hidden field (the double-submit pattern); another site can neither read the
 * cookie nor make the browser send it with a cross-site POST.
 */
public final class Csrf {

    public static final String COOKIE = "gatehouse.csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The browser's token, or a new one (which the page must then set with {@link #cookie}). */
    public static String token(Map<String, Cookie> cookies) {
        var cookie = cookies.get(COOKIE);
        if (cookie != null && cookie.getValue().length() == 43) {
            return cookie.getValue();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static NewCookie cookie(String token, String path) {
        return new NewCookie.Builder(COOKIE).value(token).path(path).secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    public static boolean matches(Map<String, Cookie> cookies, String submitted) {
        var cookie = cookies.get(COOKIE);
        return cookie != null && submitted != null && MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
