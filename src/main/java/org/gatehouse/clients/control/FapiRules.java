package org.gatehouse.clients.control;

import java.util.List;
import java.util.Set;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.clients.entity.AuthorizeSettings;
import org.gatehouse.clients.entity.DPoPSettings;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.clients.entity.RefreshTokenUsage;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.clients.entity.TokenSettings;
import org.gatehouse.protocol.entity.GrantTypes;

/**
 * What a client's {@code FapiProfile} requires of its other properties, checked when it is read: each contradiction
 * is a start-up error naming the property and the rule (FAPI 2.0 Security Profile §5.3.2, §5.4; Message Signing
 * §5.3). The properties themselves are what enforce the profile, on every path; {@code ClientReader} gives them the
 * profile's defaults, so that a client with only {@code FapiProfile} set is conformant.
 */
final class FapiRules {

    private FapiRules() {
    }

    static void check(SettingsNode client, FapiProfile fapi, Set<String> grantTypes, List<Secret> secrets,
            boolean requireClientSecret, AuthorizeSettings authorize, TokenSettings tokens, DPoPSettings dpop,
            boolean certificatesOnly) {
        String profile = fapi == FapiProfile.MESSAGE_SIGNING ? "FAPI 2.0 Message Signing" : "FAPI 2.0";
        for (String grantType : grantTypes) {
            if (!grantType.equals(GrantTypes.AUTHORIZATION_CODE) && !grantType.equals(GrantTypes.CLIENT_CREDENTIALS)) {
                client.field("AllowedGrantTypes").error(grantType + " is not allowed by " + profile
                        + " (§5.3.2.1: response type code only)");
            }
        }
        if (!requireClientSecret) {
            client.field("RequireClientSecret").error("must be true: " + profile + " serves confidential clients only (§5.3.2.1)");
        }
        for (var secret : secrets) {
            if (secret.isSharedSecret() || Secret.SHARED_SECRET_REFERENCE.equals(secret.type())) {
                client.field("ClientSecrets").error(secret.type() + " secrets are not allowed by " + profile
                        + ": clients authenticate with private_key_jwt or mutual TLS (§5.3.2.1)");
            }
        }
        if (secrets.isEmpty()) {
            client.field("ClientSecrets").error("needs a JWK, X509CertificateBase64, X509Name or X509Thumbprint secret for "
                    + profile + " (private_key_jwt or mutual TLS)");
        }
        if (!authorize.requirePushedAuthorization()) {
            client.field("RequirePushedAuthorization").error("must be true: " + profile + " requires PAR (§5.3.2.1)");
        }
        if (!authorize.requirePkce() || authorize.allowPlainTextPkce()) {
            client.field(authorize.requirePkce() ? "AllowPlainTextPkce" : "RequirePkce")
                    .error("contradicts " + profile + ": PKCE with S256 is required (§5.3.2.1)");
        }
        if (authorize.allowAccessTokensViaBrowser()) {
            client.field("AllowAccessTokensViaBrowser").error("must be false: " + profile + " issues tokens at the token endpoint only");
        }
        if (authorize.allowUnsignedRequestObjects()) {
            client.field("AllowUnsignedRequestObjects").error("must be false for " + profile + " (§5.4.1: PS256 or ES256)");
        }
        if (!dpop.requireDPoP() && !certificatesOnly) {
            client.field("RequireDPoP").error("must be true for " + profile + " unless the client authenticates by TLS"
                    + " certificate only: its tokens must be sender-constrained (§5.3.2.1)");
        }
        if (tokens.authorizationCodeLifetime() > FapiProfile.MAX_CODE_LIFETIME) {
            client.field("AuthorizationCodeLifetime").error("must be at most " + FapiProfile.MAX_CODE_LIFETIME
                    + " seconds for " + profile + " (§5.3.2.1)");
        }
        var algorithms = tokens.allowedIdentityTokenSigningAlgorithms();
        if (algorithms.isEmpty() || !FapiProfile.ALGORITHMS.containsAll(algorithms)) {
            client.field("AllowedIdentityTokenSigningAlgorithms").error("must list only PS256 or ES256 for "
                    + profile + " (§5.4.1)");
        }
        if (tokens.refreshTokenUsage() == RefreshTokenUsage.ONE_TIME_ONLY) {
            client.field("RefreshTokenUsage").warning("OneTimeOnly rotates refresh tokens, which " + profile
                    + " advises against (§5.3.2.1): a lost response leaves the client without a token");
        }
        if (fapi == FapiProfile.MESSAGE_SIGNING && !authorize.requireRequestObject()) {
            client.field("RequireRequestObject").error("must be true: " + profile + " requires signed request objects (§5.3)");
        }
    }
}
