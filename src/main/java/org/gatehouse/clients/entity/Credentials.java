package org.gatehouse.clients.entity;

/**
 * What a caller presented to authenticate at a back-channel endpoint, and how (RFC 7591 §2 method
 * names): {@code secret} is the client secret, or for {@link #PRIVATE_KEY_JWT} the client assertion (RFC 7523
 * §2.2), and null when nothing was presented.
 */
public record Credentials(String id, String secret, String method) {

    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final String NONE = "none";

    /** Whether {@code secret} is a shared secret, checked against hashes. */
    public boolean isSharedSecret() {
        return secret != null && !PRIVATE_KEY_JWT.equals(method);
    }
}
