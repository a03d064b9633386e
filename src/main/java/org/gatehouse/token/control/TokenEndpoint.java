package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.UNSUPPORTED_GRANT_TYPE;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.token.entity.TokenResponse;

/**
 * The token endpoint's steps, in a fixed order: a well-formed request, an authenticated client, then
 * the handler of the grant type. Adding a grant adds a case to {@link #handle}.
 */
@ApplicationScoped
public class TokenEndpoint {

    /** The grants {@link #handle} serves, which discovery advertises. */
    public static final List<String> GRANT_TYPES = List.of(GrantTypes.AUTHORIZATION_CODE, GrantTypes.CLIENT_CREDENTIALS,
            GrantTypes.REFRESH_TOKEN);

    /** RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once" — RFC 8707's may. */
    private static final Set<String> MAY_REPEAT = Set.of("resource");

    private static final Map<String, Integer> MAX_LENGTHS = Map.of("grant_type", 100, "client_id", Client.MAX_ID_LENGTH,
            "client_secret", 500, "scope", 2000, "resource", 2000, "code", 100, "code_verifier", 128,
            "redirect_uri", 2000, "refresh_token", 100);

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    ClientCredentialsGrant clientCredentials;

    @Inject
    AuthorizationCodeGrant authorizationCode;

    @Inject
    RefreshTokenGrant refreshToken;

    public Outcome<TokenResponse> handle(Form form, String authorization, String issuer) {
        return form.checked(MAY_REPEAT, MAX_LENGTHS).then(checked -> grant(checked, authorization, issuer));
    }

    private Outcome<TokenResponse> grant(Form form, String authorization, String issuer) {
        var grantType = form.value("grant_type");
        if (grantType.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "grant_type is missing"));
        }
        return authenticator.authenticate(authorization, form).then(client -> switch (grantType.get()) {
            case GrantTypes.CLIENT_CREDENTIALS -> clientCredentials.handle(client, form, issuer);
            case GrantTypes.AUTHORIZATION_CODE -> authorizationCode.handle(client, form, issuer);
            case GrantTypes.REFRESH_TOKEN -> refreshToken.handle(client, form, issuer);
            default -> Outcome.failure(new OAuthError(UNSUPPORTED_GRANT_TYPE,
                    "grant type " + grantType.get() + " is not supported"));
        });
    }
}
