package org.gatehouse.issuance.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.Parameters.single;

import java.util.function.Function;
import org.gatehouse.clients.control.CredentialsReader;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.issuance.entity.PresentedToken;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;

/**
 * The opening that introspection (RFC 7662 §2.1) and revocation (RFC 7009 §2.1) share, in one order: a
 * well-formed request, an authenticated caller, then the {@code token} it presents. Who may call differs
 * (introspection also takes an API resource), so the endpoint brings its own {@code authenticate}.
 */
public final class PresentedTokens {

    /** The parameters of both requests, with their bounds, client authentication's included. */
    public static final Parameters PARAMETERS = Parameters.of(single("token", 16_384), single("token_type_hint", 100))
            .and(CredentialsReader.PARAMETERS);

    private PresentedTokens() {
    }

    /** @param authorization the {@code Authorization} header, or null */
    public static <C> Outcome<PresentedToken<C>> read(String authorization, Form form,
            Function<Credentials, Outcome<C>> authenticate) {
        return form.checked(PARAMETERS)
                .then(checked -> CredentialsReader.read(authorization, checked))
                .then(authenticate)
                .then(caller -> form.value("token")
                        .map(token -> Outcome.success(new PresentedToken<>(caller, token)))
                        .orElseGet(() -> Outcome.failure(new OAuthError(INVALID_REQUEST, "token is missing"))));
    }
}
