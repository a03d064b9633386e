package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.UNAUTHORIZED_CLIENT;
import static org.gatehouse.protocol.entity.ErrorCode.UNSUPPORTED_GRANT_TYPE;
import static org.gatehouse.protocol.entity.Parameters.repeatable;
import static org.gatehouse.protocol.entity.Parameters.single;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.control.CredentialsReader;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.token.entity.TokenResponse;

/**
 * The token endpoint's steps (RFC 6749 §3.2), in a fixed order and once for every grant: a well-formed
 * request, an authenticated client that may use the grant and meets its sender constraints, then the
 * {@link GrantHandler} of the grant type.
 */
@ApplicationScoped
public class TokenEndpoint {

    /**
     * What every token request may carry: the grant type, client authentication, and RFC 8707's
     * {@code resource}, which may repeat and which any grant may carry (§2).
     */
    private static final Parameters COMMON = Parameters.of(single("grant_type", 100), repeatable("resource", 2000))
            .and(CredentialsReader.PARAMETERS);

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    Instance<GrantHandler<?>> discovered;

    private Map<String, Route> routes;

    /** A handler and everything its requests may carry. */
    private record Route(GrantHandler<?> handler, Parameters parameters) {
    }

    @PostConstruct
    void discover() {
        route(discovered.stream().toList());
    }

    /** Routes each handler's grant type to it; two handlers of one grant type fail the deployment. */
    void route(List<GrantHandler<?>> handlers) {
        routes = handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType,
                handler -> new Route(handler, COMMON.and(handler.parameters()))));
    }

    /** The grant types served here, which discovery advertises. */
    public List<String> grantTypes() {
        return routes.keySet().stream().sorted().toList();
    }

    public Outcome<TokenResponse> handle(Form form, String authorization, String issuer) {
        var route = form.value("grant_type").map(routes::get);
        return form.checked(route.map(Route::parameters).orElse(COMMON)).then(checked -> {
            var grantType = checked.value("grant_type");
            if (grantType.isEmpty()) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST, "grant_type is missing"));
            }
            return authenticator.authenticate(authorization, checked).then(client -> route
                    .map(found -> grant(found.handler(), client, checked, issuer))
                    .orElseGet(() -> Outcome.failure(new OAuthError(UNSUPPORTED_GRANT_TYPE,
                            "grant type " + grantType.get() + " is not supported"))));
        });
    }

    private static <R> Outcome<TokenResponse> grant(GrantHandler<R> handler, AuthenticatedClient client, Form form,
            String issuer) {
        return handler.permit(client)
                .then(TokenEndpoint::senderConstrained)
                .then(permitted -> handler.read(form).then(request -> handler.handle(permitted, request, issuer)));
    }

    /**
     * A client that must bind its tokens to a key (Duende's {@code RequireDPoP}) is refused every grant until
     * Gatehouse validates DPoP proofs (RFC 9449): it fails closed rather than receive bearer tokens.
     */
    private static Outcome<AuthenticatedClient> senderConstrained(AuthenticatedClient client) {
        if (client.client().dpop().requireDPoP()) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT,
                    "the client requires DPoP, which Gatehouse does not offer yet"));
        }
        return Outcome.success(client);
    }
}
