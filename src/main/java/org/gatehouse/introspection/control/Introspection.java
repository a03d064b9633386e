package org.gatehouse.introspection.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_CLIENT;
import static org.gatehouse.protocol.entity.ErrorCode.SERVER_ERROR;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.control.ReferencedSecrets;
import org.gatehouse.clients.control.SecretVerifier;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.introspection.entity.IntrospectionResponse;
import org.gatehouse.issuance.control.PresentedTokens;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.issuance.entity.InspectedToken;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.ApiResource;

/**
 * Token introspection (RFC 7662). The caller is an API resource authenticating with its
 * {@code ApiSecrets} (Duende's model), which may inspect access tokens meant for it, or a confidential
 * client, which may inspect tokens issued to itself. Anything else — unknown, expired, revoked, or not the
 * caller's — is just {@code "active": false} (§2.2), so the answer reveals nothing about other tokens.
 */
@ApplicationScoped
public class Introspection {

    @Inject
    ClientAuthenticator clients;

    @Inject
    ResourceStore resources;

    @Inject
    TokenInspector inspector;

    @Inject
    Clock clock;

    @Inject
    ReferencedSecrets referenced;

    @Inject
    IntrospectionJwts jwts;

    /** The introspection response, or the error (§2.3: 401 invalid_client when authentication fails). */
    public Outcome<IntrospectionResponse> introspect(ClientChannel channel, Form form) {
        return answered(channel, form).map(Answered::response);
    }

    /**
     * RFC 9701: the response as a JWT for the caller ({@code Accept: application/token-introspection+jwt}), signed by
     * Gatehouse with an algorithm the caller accepts: an API its {@code AllowedAccessTokenSigningAlgorithms}, a client
     * its {@code AllowedIdentityTokenSigningAlgorithms}.
     */
    public Outcome<String> introspectAsJwt(ClientChannel channel, Form form) {
        return answered(channel, form).then(answered -> jwts.sign(answered.response(), answered.caller().name(),
                answered.caller().signingAlgorithms(), channel.issuer()).map(Outcome::success).orElseGet(() -> Outcome.failure(
                new OAuthError(SERVER_ERROR, "no signing key has an algorithm the caller accepts"))));
    }

    /** Who asks: its name (the API resource's, or the client id), what it accepts signed, which tokens it may see. */
    private record Caller(String name, Set<String> signingAlgorithms, Predicate<InspectedToken> maySee) {
    }

    private record Answered(IntrospectionResponse response, Caller caller) {
    }

    private Outcome<Answered> answered(ClientChannel channel, Form form) {
        return PresentedTokens.read(channel.authorization(), form, credentials -> caller(credentials, channel))
                .map(presented -> new Answered(inspector.inspect(presented.token(), channel.issuer())
                        .filter(presented.caller().maySee()).map(IntrospectionResponse::active)
                        .orElse(IntrospectionResponse.INACTIVE), presented.caller()));
    }

    /** The authenticated caller. */
    private Outcome<Caller> caller(Credentials credentials, ClientChannel channel) {
        var api = resources.resources().apiResource(credentials.id())
                .filter(resource -> resource.enabled() && !resource.apiSecrets().isEmpty());
        if (api.isPresent()) {
            String name = api.get().name();
            return authenticated(api.get(), credentials)
                    ? Outcome.success(new Caller(name, api.get().allowedAccessTokenSigningAlgorithms(),
                            token -> token.isAccessToken() && token.audiences().contains(name)))
                    : Outcome.failure(new OAuthError(INVALID_CLIENT, "invalid client credentials"));
        }
        return clients.authenticate(credentials, channel).then(client -> client.isConfidential()
                ? Outcome.success(new Caller(client.client().clientId(),
                        client.client().tokens().allowedIdentityTokenSigningAlgorithms(),
                        token -> client.client().clientId().equals(token.clientId())))
                : Outcome.failure(new OAuthError(INVALID_CLIENT, "introspection needs client authentication")));
    }

    private boolean authenticated(ApiResource api, Credentials credentials) {
        var now = clock.instant();
        return credentials.isSharedSecret() && (SecretVerifier.matches(api.apiSecrets(), credentials.secret(), now)
                || referenced.matches(api.apiSecrets(), credentials.secret(), now));
    }
}
