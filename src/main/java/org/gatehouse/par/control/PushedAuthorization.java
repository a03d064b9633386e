package org.gatehouse.par.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.gatehouse.authorize.control.AuthorizeRequestValidator;
import org.gatehouse.authorize.control.AuthorizeRequestValidator.Validated;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.control.CredentialsReader;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;

/**
 * {@code connect/par} (RFC 9126 §2): the client authenticates as at the token endpoint (a public client by its
 * {@code client_id}), and its request is checked as the authorization endpoint checks it, answering in JSON what that
 * endpoint would have redirected or shown (§2.3); a good request is stored and named by a one-time {@code request_uri}.
 */
@ApplicationScoped
public class PushedAuthorization {

    /** What authenticates the client, and is no part of the request pushed. */
    private static final Set<String> CREDENTIALS = Set.of("client_secret", "client_assertion", "client_assertion_type");

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    AuthorizeRequestValidator validator;

    @Inject
    PushedRequests requests;

    public Outcome<PushedRequests.Pushed> push(ClientChannel channel, Form form) {
        return form.checked(CredentialsReader.PARAMETERS).then(checked -> authenticator.authenticate(channel, checked))
                .then(authenticated -> {
                    var client = authenticated.client();
                    var clientId = form.value("client_id");
                    if (clientId.isPresent() && !clientId.get().equals(client.clientId())) { // §2.1
                        return Outcome.failure(new OAuthError(INVALID_REQUEST, "client_id is not the authenticated client's"));
                    }
                    var request = form.without(CREDENTIALS).with("client_id", client.clientId());
                    return validator.validateToPush(request) instanceof Validated.Invalid invalid
                            ? Outcome.failure(invalid.error())
                            : Outcome.success(requests.push(client, request));
                });
    }
}
