package org.gatehouse.protocol.entity;

import java.util.Set;

/** Grant type wire values, as clients list them in {@code AllowedGrantTypes}. */
public final class GrantTypes {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String IMPLICIT = "implicit";
    public static final String HYBRID = "hybrid";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    public static final String CIBA = "urn:openid:params:grant-type:ciba";

    /** What a client may list; refresh_token is not among them (AllowOfflineAccess implies it). */
    public static final Set<String> ASSIGNABLE =
            Set.of(CLIENT_CREDENTIALS, AUTHORIZATION_CODE, IMPLICIT, HYBRID, DEVICE_CODE, CIBA);

    /** Grants whose tokens pass through the browser: they need redirect URIs. */
    public static final Set<String> REDIRECTING = Set.of(AUTHORIZATION_CODE, IMPLICIT, HYBRID);

    private GrantTypes() {
    }
}
