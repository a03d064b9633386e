package org.gatehouse.clients.entity;

/**
 * What a caller presented to authenticate at a back-channel endpoint, and how (RFC 7591 §2 method
 * names). {@code secret} is null when none was presented.
 */
public record Credentials(String id, String secret, String method) {

    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String NONE = "none";
}
