package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_DPOP_PROOF;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
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
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.dpop.control.DPoPProofs;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.token.entity.TokenRequest;
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

    @Inject
    DPoPProofs proofs;

    @Inject
    Features features;

    @Inject
    MutualTlsOptions mutualTls;

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

    public Outcome<TokenResponse> handle(TokenRequest request) {
        var form = request.form();
        var route = form.value("grant_type").map(routes::get);
        return form.checked(route.map(Route::parameters).orElse(COMMON)).then(checked -> {
            var grantType = checked.value("grant_type");
            if (grantType.isEmpty()) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST, "grant_type is missing"));
            }
            return authenticator.authenticate(request.channel(), checked).then(client -> route
                    .map(found -> grant(found.handler(), client, checked, request))
                    .orElseGet(() -> Outcome.failure(new OAuthError(UNSUPPORTED_GRANT_TYPE,
                            "grant type " + grantType.get() + " is not supported"))));
        });
    }

    private <R> Outcome<TokenResponse> grant(GrantHandler<R> handler, AuthenticatedClient client, Form form,
            TokenRequest request) {
        return handler.permit(client)
                .then(permitted -> senderConstrained(permitted, request))
                .then(bound -> handler.read(form).then(typed -> handler.handle(bound, typed, request.issuer())));
    }

    /**
     * RFC 9449 §5: a DPoP proof binds the tokens of every grant to its key; a client that {@code RequireDPoP} gets
     * none without one. With DPoP switched off the header is ignored, as by a server that does not know DPoP (no
     * client can require it then: start-up refuses such a configuration). RFC 8705 §3: a client that authenticated
     * by its TLS certificate gets tokens bound to it, and so does any client that presented one where Duende's
     * {@code AlwaysEmitConfirmationClaim} is set.
     */
    private Outcome<AuthenticatedClient> senderConstrained(AuthenticatedClient authenticated, TokenRequest request) {
        var certificate = request.channel().certificate();
        var client = certificate.isPresent() && (authenticated.usedCertificate() || mutualTls.alwaysEmitConfirmationClaim())
                ? authenticated.boundTo(Confirmation.certificate(certificate.get().thumbprint()))
                : authenticated;
        if (!features.isOn(Feature.DPOP)) {
            return Outcome.success(client);
        }
        if (request.dpopProofs().isEmpty()) {
            return client.client().dpop().requireDPoP()
                    ? Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, "the client requires DPoP: send a DPoP proof"))
                    : Outcome.success(client);
        }
        return proofs.forTokenRequest(client.client(), request.dpopProofs(), request.channel().endpoint()).map(client::boundTo);
    }
}
