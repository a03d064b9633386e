package org.gatehouse.protocol.entity;

/**
 * Every path Gatehouse answers, relative to its context root, at Duende's paths. JAX-RS {@code @Path}s,
 * discovery, CORS, links between pages and the feature switches all name endpoints through these constants
 * (annotations need compile-time constants, hence strings rather than an enum).
 */
public final class Endpoints {

    public static final String DISCOVERY = ".well-known/openid-configuration";
    /** RFC 8414 §3: the same metadata at the OAuth well-known path. */
    public static final String AUTHORIZATION_SERVER_METADATA = ".well-known/oauth-authorization-server";
    public static final String JWKS = ".well-known/openid-configuration/jwks";
    public static final String AUTHORIZE = "connect/authorize";
    public static final String TOKEN = "connect/token";
    public static final String USERINFO = "connect/userinfo";
    public static final String END_SESSION = "connect/endsession";
    public static final String CHECK_SESSION = "connect/checksession";
    public static final String INTROSPECTION = "connect/introspect";
    public static final String REVOCATION = "connect/revocation";
    /** RFC 9126: pushed authorization requests, at Duende's path. */
    public static final String PUSHED_AUTHORIZATION = "connect/par";
    /**
     * RFC 8705 §5: where clients reach the endpoints they use with a TLS client certificate, so that a proxy or
     * listener can ask for certificates there alone (Duende's paths, used unless {@code MutualTls:DomainName} is set).
     */
    public static final String MTLS_PREFIX = "connect/mtls/";
    public static final String MTLS_TOKEN = MTLS_PREFIX + "token";
    public static final String MTLS_INTROSPECTION = MTLS_PREFIX + "introspect";
    public static final String MTLS_REVOCATION = MTLS_PREFIX + "revocation";
    public static final String MTLS_USERINFO = MTLS_PREFIX + "userinfo";
    public static final String LOGIN = "account/login";
    public static final String CONSENT = "account/consent";
    /** The pages' assets: {@link #STYLESHEET}, {@link #BRAND_STYLESHEET} and {@link #LOGO} under it. */
    public static final String UI = "ui";
    public static final String STYLESHEET = "gatehouse.css";
    public static final String BRAND_STYLESHEET = "brand.css";
    public static final String LOGO = "logo";

    private Endpoints() {
    }
}
