package org.gatehouse.clients.entity;

/**
 * What a caller presented to authenticate at a back-channel endpoint, and how (RFC 7591 §2 method
 * names): {@code secret} is the client secret, or for {@link #PRIVATE_KEY_JWT} and {@link #CLIENT_SECRET_JWT} the
 * client assertion (RFC 7523 §2.2), and null when nothing was presented in the request itself (a TLS client certificate may still prove the
 * client, by one of the methods of RFC 8705 §2).
 */
public record Credentials(String id, String secret, String method) {

    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final String CLIENT_SECRET_JWT = "client_secret_jwt";
    public static final String NONE = "none";
    public static final String TLS_CLIENT_AUTH = "tls_client_auth";
    public static final String SELF_SIGNED_TLS_CLIENT_AUTH = "self_signed_tls_client_auth";

    /** Whether {@code secret} is a shared secret, not a client assertion. */
    public boolean isSharedSecret() {
        return secret != null && !isAssertion();
    }

    /** Whether {@code secret} is a client assertion (RFC 7523 §2.2), signed or MAC'd. */
    public boolean isAssertion() {
        return PRIVATE_KEY_JWT.equals(method) || CLIENT_SECRET_JWT.equals(method);
    }
}
