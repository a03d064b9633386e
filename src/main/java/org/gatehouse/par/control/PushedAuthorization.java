package org.gatehouse.par.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_DPOP_PROOF;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.authorize.control.AuthorizeRequestValidator;
import org.gatehouse.authorize.control.AuthorizeRequestValidator.Validated;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.control.CredentialsReader;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.dpop.control.DPoPProofs;
import org.gatehouse.jar.control.RequestObjects;
import org.gatehouse.par.entity.StoredRequest;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;

/**
 * {@code connect/par} (RFC 9126 §2): the client authenticates as at the token endpoint (a public client by its
 * {@code client_id}), and its request is checked as the authorization endpoint checks it, answering in JSON what that
 * endpoint would have redirected or shown (§2.3); a good request is stored and named by a one-time {@code request_uri}.
 * A request object ({@code request}, §3) is verified here and is then the whole request.
 * A DPoP proof sent along binds the code to its key, as {@code dpop_jkt} would (RFC 9449 §10.1).
 */
@ApplicationScoped
public class PushedAuthorization {

    /** The client's credentials, and a request object as long as the authorization endpoint takes. */
    private static final Parameters PARAMETERS = CredentialsReader.PARAMETERS.and(
            Parameters.of(Parameters.single("request", RequestObjects.MAX_LENGTH)));

    /** What authenticates the client, and is no part of the request pushed. */
    private static final Set<String> CREDENTIALS = Set.of("client_secret", "client_assertion", "client_assertion_type");

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    AuthorizeRequestValidator validator;

    @Inject
    PushedRequests requests;

    @Inject
    RequestObjects requestObjects;

    @Inject
    DPoPProofs proofs;

    @Inject
    Features features;

    /** @param dpopProofs the request's {@code DPoP} headers, all of them (RFC 9449 §4.3: more than one is refused) */
    public Outcome<PushedRequests.Pushed> push(ClientChannel channel, Form form, List<String> dpopProofs) {
        return form.checked(PARAMETERS).then(checked -> authenticator.authenticate(channel, checked))
                .then(authenticated -> proofKey(authenticated.client(), dpopProofs, channel).then(jkt -> {
                    var client = authenticated.client();
                    var clientId = form.value("client_id");
                    if (clientId.isPresent() && !clientId.get().equals(client.clientId())) { // §2.1
                        return Outcome.failure(new OAuthError(INVALID_REQUEST, "client_id is not the authenticated client's"));
                    }
                    var sent = form.without(CREDENTIALS).with("client_id", client.clientId());
                    return requestObjects.unwrap(client, sent, channel.issuer(), true).then(unwrapped -> {
                        var parameters = unwrapped.parameters();
                        if (jkt.isPresent() && parameters.value("dpop_jkt").filter(given -> !given.equals(jkt.get())).isPresent()) {
                            return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF,
                                    "dpop_jkt is not the key of the DPoP proof (RFC 9449 section 10.1)"));
                        }
                        var request = jkt.map(key -> parameters.with("dpop_jkt", key)).orElse(parameters);
                        return validator.validateToPush(request, unwrapped.signed()) instanceof Validated.Invalid invalid
                                ? Outcome.failure(invalid.error())
                                : Outcome.success(requests.push(client, new StoredRequest(request, true, unwrapped.signed())));
                    });
                }));
    }

    /** The key of the request's DPoP proof, checked as at the token endpoint; none without a proof or with DPoP off. */
    private Outcome<Optional<String>> proofKey(Client client, List<String> dpopProofs, ClientChannel channel) {
        if (dpopProofs.isEmpty() || !features.isOn(Feature.DPOP)) {
            return Outcome.success(Optional.empty());
        }
        return proofs.forTokenRequest(client, dpopProofs, channel.endpoint()).map(confirmation -> Optional.of(confirmation.jkt()));
    }
}
