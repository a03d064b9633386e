package org.gatehouse.configuration.entity;

import java.util.List;
import org.gatehouse.protocol.entity.Endpoints;

/**
 * A capability that can be switched off, on by default as Duende's endpoints are (mutual TLS and request objects by
 * reference, off in Duende, are off). Off, its endpoints are absent (404 before routing), discovery does not mention them, CORS does not cover
 * them, and a client that needs the feature fails start-up. Each is switched by MicroProfile Config
 * {@code gatehouse.features.<name>.enabled}, or in the settings file by {@code Gatehouse:Features:<SettingsName>:Enabled}
 * or Duende's own switch ({@code IdentityServer:Endpoints:<DuendeOption>}, {@code IdentityServer:MutualTls:Enabled}),
 * so that a Duende file means what it means there.
 */
public enum Feature {
    /** RFC 7662. */
    INTROSPECTION("introspection", "Introspection", "EnableIntrospectionEndpoint", Endpoints.INTROSPECTION,
            Endpoints.MTLS_INTROSPECTION),
    /** RFC 7009. */
    REVOCATION("revocation", "Revocation", "EnableTokenRevocationEndpoint", Endpoints.REVOCATION, Endpoints.MTLS_REVOCATION),
    /** OIDC Core §5.3. */
    USERINFO("userinfo", "UserInfo", "EnableUserInfoEndpoint", Endpoints.USERINFO, Endpoints.MTLS_USERINFO),
    /** OpenID Connect RP-Initiated Logout 1.0. */
    END_SESSION("end-session", "EndSession", "EnableEndSessionEndpoint", Endpoints.END_SESSION),
    /** RFC 9126: pushed authorization requests. */
    PUSHED_AUTHORIZATION("pushed-authorization", "PushedAuthorization", "EnablePushedAuthorizationEndpoint",
            Endpoints.PUSHED_AUTHORIZATION),
    /**
     * RFC 9101 and OIDC Core §6.1: request objects sent by value ({@code request}), at the authorization endpoint and
     * {@code connect/par}; no endpoint of its own, and no Duende switch (Duende always reads them).
     */
    REQUEST_OBJECTS("request-objects", "RequestObjects", null),
    /**
     * RFC 9101 §5.2 and OIDC Core §6.2: request objects by reference ({@code request_uri}), fetched from the URIs a
     * client registered in {@code RequestUris}. Off by default, as Duende's {@code EnableJwtRequestUri}.
     */
    JWT_REQUEST_URI("jwt-request-uri", "JwtRequestUri", "EnableJwtRequestUri"),
    /**
     * JWT Secured Authorization Response Mode for OAuth 2.0 (JARM): the {@code .jwt} response modes; no endpoint of its
     * own, and Duende has neither the modes nor a switch.
     */
    JARM("jarm", "Jarm", null),
    /** OpenID Connect Session Management 1.0: the check-session iframe and session_state. */
    SESSION_MANAGEMENT("session-management", "SessionManagement", "EnableCheckSessionEndpoint", Endpoints.CHECK_SESSION),
    /** OpenID Connect Front-Channel Logout 1.0: no endpoint of its own, and no Duende switch. */
    FRONT_CHANNEL_LOGOUT("front-channel-logout", "FrontChannelLogout", null),
    /** OpenID Connect Back-Channel Logout 1.0: no endpoint of its own, and no Duende switch. */
    BACK_CHANNEL_LOGOUT("back-channel-logout", "BackChannelLogout", null),
    /** RFC 9449: DPoP proofs at the token and UserInfo endpoints; no endpoint of its own, and no Duende switch. */
    DPOP("dpop", "DPoP", null),
    /** RFC 7523 §2.2: client assertions signed with the client's key; no endpoint of its own, and no Duende switch. */
    PRIVATE_KEY_JWT("private-key-jwt", "PrivateKeyJwt", null),
    /**
     * RFC 7523 §2.2: client assertions MAC'd with a secret the client shares, which a {@code SharedSecretReference}
     * secret holds (Duende has neither the method nor a switch).
     */
    CLIENT_SECRET_JWT("client-secret-jwt", "ClientSecretJwt", null),
    /**
     * RFC 8705: client authentication by TLS client certificate and certificate-bound tokens, at the endpoint aliases
     * of §5 (the endpoints themselves take certificates too). Off by default, as Duende's {@code MutualTls:Enabled}.
     */
    MUTUAL_TLS("mutual-tls", "MutualTls", null, Endpoints.MTLS_TOKEN, Endpoints.MTLS_INTROSPECTION,
            Endpoints.MTLS_REVOCATION, Endpoints.MTLS_USERINFO);

    private final String name;
    private final String settingsName;
    private final String duendeOption;
    private final List<String> paths;

    Feature(String name, String settingsName, String duendeOption, String... paths) {
        this.name = name;
        this.settingsName = settingsName;
        this.duendeOption = duendeOption;
        this.paths = List.of(paths);
    }

    /** The MicroProfile Config property that switches it. */
    public String property() {
        return "gatehouse.features." + name + ".enabled";
    }

    /** Its section under {@code Gatehouse:Features} in the settings file. */
    public String settingsName() {
        return settingsName;
    }

    /** Duende's {@code EndpointsOptions} switch for the same endpoint, or null when Duende has none. */
    public String duendeOption() {
        return duendeOption;
    }

    /** Whether it is on when nothing switches it. */
    public boolean onByDefault() {
        return this != MUTUAL_TLS && this != JWT_REQUEST_URI;
    }

    /** The endpoints (the first its main one) that exist only while the feature is on. */
    public List<String> paths() {
        return paths;
    }
}
