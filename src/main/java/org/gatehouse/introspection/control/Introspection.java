package org.gatehouse.introspection.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_CLIENT;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.function.Predicate;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.control.CredentialsReader;
import org.gatehouse.clients.control.SecretVerifier;
import org.gatehouse.clients.entity.Credentials;
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

    private static final String INACTIVE = "{\"active\":false}";

    @Inject
    ClientAuthenticator clients;

    @Inject
    ResourceStore resources;

    @Inject
    TokenInspector inspector;

    @Inject
    Clock clock;

    /** The introspection response's JSON, or the error (§2.3: 401 invalid_client when authentication fails). */
    public Outcome<String> introspect(String authorization, Form form, String issuer) {
        return form.checked(TokenInspector.PARAMETERS)
                .then(checked -> CredentialsReader.read(authorization, checked))
                .then(this::caller)
                .then(mayInspect -> form.value("token")
                        .map(token -> Outcome.success(inspector.inspect(token, issuer).filter(mayInspect)
                                .map(Introspection::active).orElse(INACTIVE)))
                        .orElseGet(() -> Outcome.failure(new OAuthError(INVALID_REQUEST, "token is missing"))));
    }

    /** Which tokens the authenticated caller may see. */
    private Outcome<Predicate<InspectedToken>> caller(Credentials credentials) {
        var api = resources.resources().apiResource(credentials.id())
                .filter(resource -> resource.enabled() && !resource.apiSecrets().isEmpty());
        if (api.isPresent()) {
            String name = api.get().name();
            return authenticated(api.get(), credentials)
                    ? Outcome.success(token -> token.isAccessToken() && token.audiences().contains(name))
                    : Outcome.failure(new OAuthError(INVALID_CLIENT, "invalid client credentials"));
        }
        return clients.authenticate(credentials).then(client -> client.isConfidential()
                ? Outcome.success(token -> client.client().clientId().equals(token.clientId()))
                : Outcome.failure(new OAuthError(INVALID_CLIENT, "introspection needs client authentication")));
    }

    private boolean authenticated(ApiResource api, Credentials credentials) {
        return credentials.secret() != null && SecretVerifier.matches(api.apiSecrets(), credentials.secret(), clock.instant());
    }

    /** §2.2: active, the token's claims ({@code scope}, {@code client_id}, {@code sub}, {@code exp}, …), its type. */
    private static String active(InspectedToken token) {
        var response = new LinkedHashMap<String, Object>();
        response.put("active", true);
        response.putAll(token.claims());
        if (token.isAccessToken()) {
            response.put("token_type", "Bearer");
        }
        return JSONObjectUtils.toJSONString(response);
    }
}
