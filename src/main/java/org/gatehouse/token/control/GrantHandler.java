package org.gatehouse.token.control;

import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.token.entity.TokenResponse;

/**
 * One grant type of the token endpoint (RFC 6749 §4 and its extensions). Handlers are CDI beans found by
 * {@link TokenEndpoint}: a new grant is a new handler and nothing else — the endpoint routes its requests
 * to it, checks its parameters, and discovery advertises it.
 *
 * <p>Before {@link #handle}, the endpoint has run the steps every grant shares, once and in this order: the
 * form is well-formed (no repeats, bounded values: {@link #parameters}), the client is authenticated, may use
 * this grant ({@link #permit}) and meets its sender constraints; then {@link #read} types the request.
 *
 * @param <R> the grant's request, as read from the form
 */
public interface GrantHandler<R> {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /** The parameters this grant takes, beyond those of every token request. */
    Parameters parameters();

    /** The client, if it may use this grant; else {@code unauthorized_client} (RFC 6749 §5.2). */
    Outcome<AuthenticatedClient> permit(AuthenticatedClient client);

    /** The grant's request from a checked form; {@code invalid_request} when a parameter is missing. */
    Outcome<R> read(Form form);

    Outcome<TokenResponse> handle(AuthenticatedClient client, R request, String issuer);
}
