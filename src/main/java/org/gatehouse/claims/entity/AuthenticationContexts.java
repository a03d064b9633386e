package org.gatehouse.claims.entity;

import java.util.List;

/** The authentication context classes ({@code acr}, OIDC Core §2) Gatehouse's sign-ins can meet. */
public final class AuthenticationContexts {

    /**
     * REFEDS Single-Factor Authentication (https://refeds.org/profile/sfa): a published class for exactly what
     * Gatehouse's sign-in is, one factor (a password). The only one until Gatehouse offers a second factor.
     */
    public static final String SINGLE_FACTOR = "https://refeds.org/profile/sfa";

    /** Discovery's {@code acr_values_supported}. */
    public static final List<String> SUPPORTED = List.of(SINGLE_FACTOR);

    private AuthenticationContexts() {
    }
}
