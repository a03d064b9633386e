package org.gatehouse.clients.control;

import static org.gatehouse.protocol.entity.GrantTypes.AUTHORIZATION_CODE;
import static org.gatehouse.protocol.entity.GrantTypes.HYBRID;
import static org.gatehouse.protocol.entity.GrantTypes.IMPLICIT;

import com.nimbusds.jose.jwk.KeyType;
import jakarta.json.JsonArray;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.clients.entity.AccessTokenType;
import org.gatehouse.clients.entity.AuthorizeSettings;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientClaim;
import org.gatehouse.clients.entity.CrossDeviceSettings;
import org.gatehouse.clients.entity.DPoPSettings;
import org.gatehouse.clients.entity.DPoPValidationMode;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.clients.entity.LogoutSettings;
import org.gatehouse.clients.entity.RefreshTokenExpiration;
import org.gatehouse.clients.entity.RefreshTokenUsage;
import org.gatehouse.clients.entity.ResponseEncryption;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.clients.entity.TokenSettings;
import org.gatehouse.protocol.entity.ClaimValue;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.ScopeToken;

/**
 * Reads one Duende {@code Client} from configuration, with Duende's property names, defaults (those of
 * {@code shared/spec/client-reference.txt}) and configuration rules. Every problem is reported to the
 * node's {@code Problems}; the client is returned only when it has none.
 */
public final class ClientReader {

    /** Duende's ValidationOptions.InvalidRedirectUriPrefixes: schemes that must never receive a redirect. */
    /**
     * {@code AuthorizationEncryptedResponseAlg} and {@code …Enc}: null when not set; the algorithm needs a {@code JWK}
     * secret with {@code "use": "enc"} of its key type, the method alone is an error (JARM §3: it needs the algorithm).
     */
    private static ResponseEncryption responseEncryption(SettingsNode client, List<Secret> secrets) {
        String alg = client.string("AuthorizationEncryptedResponseAlg");
        String enc = client.string("AuthorizationEncryptedResponseEnc");
        if (alg == null) {
            if (enc != null) {
                client.field("AuthorizationEncryptedResponseEnc").error("needs AuthorizationEncryptedResponseAlg");
            }
            return null;
        }
        var algorithm = ResponseEncryption.ALGORITHMS.stream().filter(a -> a.getName().equals(alg)).findFirst();
        if (algorithm.isEmpty()) {
            client.field("AuthorizationEncryptedResponseAlg").error("must be one of " + ResponseEncryption.ALGORITHMS
                    + ", not \"" + alg + "\"");
            return null;
        }
        var method = enc == null ? Optional.of(ResponseEncryption.DEFAULT_METHOD)
                : ResponseEncryption.METHODS.stream().filter(m -> m.getName().equals(enc)).findFirst();
        if (method.isEmpty()) {
            client.field("AuthorizationEncryptedResponseEnc").error("must be one of " + ResponseEncryption.METHODS
                    + ", not \"" + enc + "\"");
            return null;
        }
        var encryption = new ResponseEncryption(algorithm.get(), method.get());
        var keyType = encryption.toRsaKey() ? KeyType.RSA : KeyType.EC;
        if (secrets.stream().noneMatch(s -> s.isEncryptionKey() && s.key().getKeyType().equals(keyType))) {
            client.field("AuthorizationEncryptedResponseAlg").error(alg + " needs a JWK secret of key type " + keyType
                    + " with \"use\": \"enc\" to encrypt to");
        }
        return encryption;
    }

    private static final List<String> FORBIDDEN_REDIRECT_SCHEMES = List.of("javascript:", "file:", "data:", "mailto:",
            "ftp:", "blob:", "about:", "ssh:", "tel:", "view-source:", "ws:", "wss:");

    private static final Set<String> KNOWN = Set.of("Enabled", "ClientId", "ProtocolType", "ClientSecrets",
            "RequireClientSecret", "ClientName", "Description", "ClientUri", "LogoUri", "RequireConsent",
            "AllowRememberConsent", "AllowedGrantTypes", "RequirePkce", "AllowPlainTextPkce", "RequireRequestObject",
            "AllowAccessTokensViaBrowser", "RequireDPoP", "DPoPValidationMode", "DPoPClockSkew", "RedirectUris",
            "PostLogoutRedirectUris", "FrontChannelLogoutUri", "FrontChannelLogoutSessionRequired",
            "BackChannelLogoutUri", "BackChannelLogoutSessionRequired", "AllowOfflineAccess", "AllowedScopes",
            "AlwaysIncludeUserClaimsInIdToken", "IdentityTokenLifetime", "AllowedIdentityTokenSigningAlgorithms",
            "AccessTokenLifetime", "AuthorizationCodeLifetime", "AbsoluteRefreshTokenLifetime",
            "SlidingRefreshTokenLifetime", "ConsentLifetime", "RefreshTokenUsage", "UpdateAccessTokenClaimsOnRefresh",
            "RefreshTokenExpiration", "AccessTokenType", "EnableLocalLogin", "IdentityProviderRestrictions",
            "IncludeJwtId", "Claims", "AlwaysSendClientClaims", "ClientClaimsPrefix", "PairWiseSubjectSalt",
            "UserSsoLifetime", "UserCodeType", "DeviceCodeLifetime", "CibaLifetime", "PollingInterval",
            "CoordinateLifetimeWithUserSession", "AllowedCorsOrigins", "Properties", "InitiateLoginUri",
            "RequirePushedAuthorization", "PushedAuthorizationLifetime",
            // Gatehouse's own: request objects by reference (RFC 9101 §5.2) only from registered URIs, unsigned ones opt-in
            "RequestUris", "AllowUnsignedRequestObjects",
            // Gatehouse's own: FAPI 2.0 (FapiProfile)
            "FapiProfile",
            // Gatehouse's own: encrypted JARM responses (JARM §3's authorization_encrypted_response_alg and _enc)
            "AuthorizationEncryptedResponseAlg", "AuthorizationEncryptedResponseEnc")
            .stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private ClientReader() {
    }

    /** The client, or null when the node has problems (already reported). */
    public static Client read(SettingsNode node) {
        return read(node, FapiProfile.NONE);
    }

    /**
     * The client held at least to {@code serverProfile} (Gatehouse's {@code Gatehouse:FapiProfile}): its profile when
     * the client names none, and a client cannot name a weaker one, since a server on FAPI 2.0 serves FAPI clients only.
     */
    public static Client read(SettingsNode node, FapiProfile serverProfile) {
        if (!node.isObject()) {
            node.error("must be a JSON object describing a client");
            return null;
        }
        int problemsBefore = node.problemCount();
        String clientId = node.string("ClientId");
        if (clientId == null || clientId.isBlank()) {
            node.field("ClientId").error("is required");
            return null;
        }
        if (clientId.length() > Client.MAX_ID_LENGTH) {
            node.field("ClientId").error("must be at most " + Client.MAX_ID_LENGTH + " characters");
        }
        var client = node.labelled(clientId);
        client.warnAboutUnknownFields(KNOWN);

        String protocolType = client.string("ProtocolType", "oidc");
        if (!protocolType.equals("oidc")) {
            client.field("ProtocolType").error("only \"oidc\" is supported, not \"" + protocolType + "\"");
        }
        Set<String> grantTypes = grantTypes(client.field("AllowedGrantTypes"));
        var secrets = SecretReader.read(client.field("ClientSecrets"));
        var fapi = client.enumeration("FapiProfile", FapiProfile.class, serverProfile);
        if (fapi.compareTo(serverProfile) < 0) {
            client.field("FapiProfile").error("cannot be weaker than the server's profile " + SettingsNode.configName(serverProfile)
                    + " (Gatehouse:FapiProfile)");
        }
        boolean certificatesOnly = !secrets.isEmpty() && secrets.stream().allMatch(s -> s.namesCertificate() && s.key() == null);
        boolean requireClientSecret = client.bool("RequireClientSecret", true);
        boolean usesTokenEndpoint = grantTypes.stream().anyMatch(g -> !g.equals(IMPLICIT));
        if (requireClientSecret && usesTokenEndpoint && secrets.isEmpty() && client.problemCount() == problemsBefore) {
            client.field("ClientSecrets").error("is empty although RequireClientSecret is true, so the client could"
                    + " never authenticate: add a secret, or set RequireClientSecret to false for a public client");
        }

        var authorize = new AuthorizeSettings(
                redirectUris(client, "RedirectUris"),
                client.bool("RequirePkce", true),
                client.bool("AllowPlainTextPkce", false),
                client.bool("RequireRequestObject", fapi == FapiProfile.MESSAGE_SIGNING),
                requestUris(client),
                client.bool("AllowUnsignedRequestObjects", false),
                client.bool("AllowAccessTokensViaBrowser", false),
                client.bool("RequirePushedAuthorization", fapi.applies()),
                positive(client, "PushedAuthorizationLifetime"),
                client.bool("RequireConsent", false),
                client.bool("AllowRememberConsent", true),
                positive(client, "ConsentLifetime"),
                client.bool("EnableLocalLogin", true),
                Set.copyOf(client.strings("IdentityProviderRestrictions")),
                positive(client, "UserSsoLifetime"),
                origins(client.field("AllowedCorsOrigins")),
                uri(client, "InitiateLoginUri"),
                responseEncryption(client, secrets));
        boolean nothingListed = !(client.field("RedirectUris").json() instanceof JsonArray listed) || listed.isEmpty();
        if (grantTypes.stream().anyMatch(GrantTypes.REDIRECTING::contains) && nothingListed) {
            client.field("RedirectUris").error("is empty, but the grant types " + grantTypes
                    + " send the user back to the client: register its redirect URIs");
        }

        var logout = new LogoutSettings(
                redirectUris(client, "PostLogoutRedirectUris"),
                uri(client, "FrontChannelLogoutUri"),
                client.bool("FrontChannelLogoutSessionRequired", true),
                uri(client, "BackChannelLogoutUri"),
                client.bool("BackChannelLogoutSessionRequired", true),
                client.optionalBool("CoordinateLifetimeWithUserSession"));

        var expiration = client.enumeration("RefreshTokenExpiration", RefreshTokenExpiration.class,
                RefreshTokenExpiration.ABSOLUTE);
        var tokens = new TokenSettings(
                lifetime(client, "IdentityTokenLifetime", 300),
                client.field("AllowedIdentityTokenSigningAlgorithms").isPresent() || !fapi.applies()
                        ? Set.copyOf(client.strings("AllowedIdentityTokenSigningAlgorithms")) : FapiProfile.ALGORITHMS,
                lifetime(client, "AccessTokenLifetime", 3600),
                lifetime(client, "AuthorizationCodeLifetime", fapi.applies() ? FapiProfile.MAX_CODE_LIFETIME : 300),
                client.enumeration("AccessTokenType", AccessTokenType.class, AccessTokenType.JWT),
                client.bool("IncludeJwtId", true),
                client.bool("AlwaysSendClientClaims", false),
                client.bool("AlwaysIncludeUserClaimsInIdToken", false),
                client.string("ClientClaimsPrefix", "client_"),
                client.string("PairWiseSubjectSalt"),
                notNegative(client, "AbsoluteRefreshTokenLifetime", 2_592_000), // 0: no absolute limit
                notNegative(client, "SlidingRefreshTokenLifetime", 1_296_000),
                // FAPI 2.0 Security Profile §5.3.2.1: no rotation (its tokens are sender-constrained or the client's own).
                client.enumeration("RefreshTokenUsage", RefreshTokenUsage.class,
                        fapi.applies() ? RefreshTokenUsage.REUSE : RefreshTokenUsage.ONE_TIME_ONLY),
                expiration,
                client.bool("UpdateAccessTokenClaimsOnRefresh", false));

        var crossDevice = new CrossDeviceSettings(
                positive(client, "PollingInterval"),
                client.string("UserCodeType"),
                grantTypes.contains(GrantTypes.DEVICE_CODE) ? lifetime(client, "DeviceCodeLifetime", 300)
                        : client.integer("DeviceCodeLifetime", 300),
                positive(client, "CibaLifetime"));

        var dpop = new DPoPSettings(
                client.bool("RequireDPoP", fapi.applies() && !certificatesOnly),
                client.enumeration("DPoPValidationMode", DPoPValidationMode.class, DPoPValidationMode.IAT),
                client.duration("DPoPClockSkew", Duration.ofMinutes(5)));

        var claims = claims(client.field("Claims"), tokens.clientClaimsPrefix());
        var scopes = scopes(client.field("AllowedScopes"));
        boolean enabled = client.bool("Enabled", true);
        String clientName = client.string("ClientName");
        String description = client.string("Description");
        String clientUri = uri(client, "ClientUri");
        String logoUri = uri(client, "LogoUri");
        boolean allowOfflineAccess = client.bool("AllowOfflineAccess", false);
        var properties = client.dictionary("Properties");

        // RFC 9700 §4.14.2: a public client's refresh tokens MUST be sender-constrained or rotated; Duende lets
        // ReUse through, Gatehouse refuses to start with it.
        if (!requireClientSecret && allowOfflineAccess && tokens.refreshTokenUsage() == RefreshTokenUsage.REUSE
                && !dpop.requireDPoP()) {
            client.field("RefreshTokenUsage").error("ReUse for a public client (RequireClientSecret false) leaves its"
                    + " refresh tokens neither rotated nor sender-constrained (RFC 9700 §4.14.2): use OneTimeOnly");
        }
        if (fapi.applies()) {
            FapiRules.check(client, fapi, grantTypes, secrets, requireClientSecret, authorize, tokens, dpop, certificatesOnly);
        }
        if (node.problemCount() > problemsBefore) {
            return null;
        }
        return new Client(clientId, protocolType, enabled, clientName, description, clientUri, logoUri, secrets,
                requireClientSecret, grantTypes, scopes, allowOfflineAccess, claims, properties, authorize, logout, tokens,
                crossDevice, dpop, fapi);
    }

    private static Set<String> grantTypes(SettingsNode node) {
        var grantTypes = new LinkedHashSet<String>();
        var elements = node.elements();
        if (!node.isPresent()) {
            node.error("is required: list the grant types the client may use, e.g. [\"client_credentials\"]");
        } else if (elements.isEmpty() && node.json() instanceof JsonArray) {
            node.error("must list at least one grant type");
        }
        for (var element : elements) {
            String grantType = element.asString();
            if (grantType == null) {
                continue;
            }
            if (grantType.equals(GrantTypes.REFRESH_TOKEN)) {
                element.error("refresh_token is not listed as a grant type: set AllowOfflineAccess to true instead");
            } else if (grantType.equals("password")) {
                element.error("the resource owner password grant is not supported: it is deprecated by the OAuth 2.0"
                        + " Security Best Current Practice (RFC 9700 §2.4)");
            } else if (!GrantTypes.ASSIGNABLE.contains(grantType)) {
                element.error("unknown grant type \"" + grantType + "\"; known: " + String.join(", ",
                        new TreeSet<>(GrantTypes.ASSIGNABLE)));
            } else if (!grantTypes.add(grantType)) {
                element.error("grant type \"" + grantType + "\" is listed twice");
            }
        }
        // Duende's rules: each pair would let a client downgrade its response type, e.g. from code to token.
        forbidCombination(node, grantTypes, IMPLICIT, AUTHORIZATION_CODE);
        forbidCombination(node, grantTypes, IMPLICIT, HYBRID);
        forbidCombination(node, grantTypes, AUTHORIZATION_CODE, HYBRID);
        return Set.copyOf(grantTypes);
    }

    private static void forbidCombination(SettingsNode node, Set<String> grantTypes, String a, String b) {
        if (grantTypes.contains(a) && grantTypes.contains(b)) {
            node.error("cannot combine \"" + a + "\" with \"" + b + "\": that would allow a response type downgrade");
        }
    }

    private static Set<String> scopes(SettingsNode node) {
        var scopes = new LinkedHashSet<String>();
        for (var element : node.elements()) {
            String scope = element.asString();
            if (scope != null && !ScopeToken.isToken(scope)) {
                element.error("\"" + scope + "\" is not a valid scope name (RFC 6749 §3.3: no spaces, quotes or backslashes)");
            } else if (scope != null) {
                scopes.add(scope);
            }
        }
        return Set.copyOf(scopes);
    }

    private static List<ClientClaim> claims(SettingsNode node, String prefix) {
        var claims = new ArrayList<ClientClaim>();
        for (var element : node.elements()) {
            element.warnAboutUnknownFields(Set.of("type", "value", "valuetype"));
            String type = element.string("Type");
            String value = element.string("Value");
            if (type == null || type.isBlank()) {
                element.field("Type").error("is required");
            } else if (value == null) {
                element.field("Value").error("is required");
            } else if (ClaimValue.PROTOCOL_CLAIMS.contains(prefix + type)) {
                element.field("Type").error("\"" + prefix + type + "\" is a claim Gatehouse sets itself; choose another"
                        + " type or keep a ClientClaimsPrefix");
            } else {
                claims.add(new ClientClaim(type, value, element.string("ValueType", ClientClaim.STRING)));
            }
        }
        return List.copyOf(claims);
    }

    /** RFC 6749 §3.1.2: redirect URIs are absolute and carry no fragment; Duende forbids some schemes too. */
    private static Set<String> redirectUris(SettingsNode client, String name) {
        var uris = new LinkedHashSet<String>();
        for (var element : client.field(name).elements()) {
            String text = element.asString();
            if (text == null || !checkAbsoluteUri(element, text)) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            var forbidden = FORBIDDEN_REDIRECT_SCHEMES.stream().filter(lower::startsWith).findFirst();
            if (forbidden.isPresent()) {
                element.error("\"" + text + "\" uses the scheme " + forbidden.get() + ", which never receives a redirect");
            } else {
                uris.add(text);
            }
        }
        return Set.copyOf(uris);
    }

    /**
     * Where the client's request objects may be fetched from: https, or http on the loopback interface (the fetch is
     * Gatehouse's own). A fragment is allowed (OIDC Dynamic Client Registration §2 suggests the object's hash there) and
     * is part of the exact match, though never sent.
     */
    private static Set<String> requestUris(SettingsNode client) {
        var uris = new LinkedHashSet<String>();
        for (var element : client.field("RequestUris").elements()) {
            String text = element.asString();
            if (text == null) {
                continue;
            }
            try {
                var uri = new URI(text);
                boolean loopback = "http".equals(uri.getScheme()) && uri.getHost() != null
                        && List.of("127.0.0.1", "localhost", "[::1]").contains(uri.getHost());
                if (uri.getHost() == null || !("https".equals(uri.getScheme()) || loopback)) {
                    element.error("\"" + text + "\" must be an https URI (http only on the loopback interface)");
                } else {
                    uris.add(text);
                }
            } catch (URISyntaxException e) {
                element.error("\"" + text + "\" is not a valid URI: " + e.getReason());
            }
        }
        return Set.copyOf(uris);
    }

    private static String uri(SettingsNode client, String name) {
        var node = client.field(name);
        String text = node.asString();
        return text != null && checkAbsoluteUri(node, text) ? text : null;
    }

    private static boolean checkAbsoluteUri(SettingsNode node, String text) {
        try {
            var uri = new URI(text);
            if (!uri.isAbsolute()) {
                node.error("\"" + text + "\" must be an absolute URI");
                return false;
            }
            if (uri.getRawFragment() != null) {
                node.error("\"" + text + "\" must not contain a fragment (RFC 6749 §3.1.2)");
                return false;
            }
            return true;
        } catch (URISyntaxException e) {
            node.error("\"" + text + "\" is not a valid URI: " + e.getReason());
            return false;
        }
    }

    /** An origin is scheme://host[:port], nothing more (RFC 6454). */
    private static Set<String> origins(SettingsNode node) {
        var origins = new LinkedHashSet<String>();
        for (var element : node.elements()) {
            String text = element.asString();
            if (text == null) {
                continue;
            }
            try {
                var uri = new URI(text);
                boolean origin = uri.getScheme() != null && uri.getHost() != null && uri.getRawPath().isEmpty()
                        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
                if (origin) {
                    origins.add(text);
                } else {
                    element.error("\"" + text + "\" is not an origin (scheme://host[:port], no path or trailing slash)");
                }
            } catch (URISyntaxException e) {
                element.error("\"" + text + "\" is not an origin: " + e.getReason());
            }
        }
        return Set.copyOf(origins);
    }

    private static int lifetime(SettingsNode client, String name, int defaultSeconds) {
        int seconds = client.integer(name, defaultSeconds);
        if (seconds <= 0) {
            client.field(name).error("must be a positive number of seconds, not " + seconds);
        }
        return seconds;
    }

    private static Integer positive(SettingsNode client, String name) {
        Integer seconds = client.optionalInteger(name);
        if (seconds != null && seconds <= 0) {
            client.field(name).error("must be a positive number of seconds, or null for the default");
        }
        return seconds;
    }

    /** Refresh token lifetimes, where Duende rejects only negative values (0 has a meaning). */
    private static int notNegative(SettingsNode client, String name, int defaultSeconds) {
        int seconds = client.integer(name, defaultSeconds);
        if (seconds < 0) {
            client.field(name).error("must not be negative");
        }
        return seconds;
    }
}
