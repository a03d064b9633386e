package org.gatehouse.endsession.entity;

import static org.gatehouse.protocol.entity.Parameters.single;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;

/**
 * An RP-Initiated Logout request (OpenID Connect RP-Initiated Logout 1.0 §2), its parameters bounded and
 * not repeated; an empty one is absent. {@code form} is kept so that a confirmation page can carry it on.
 */
public record EndSessionRequest(Optional<String> idTokenHint, Optional<String> postLogoutRedirectUri,
        Optional<String> state, Optional<String> clientId, Optional<String> logoutHint, Form form) {

    /** {@code ui_locales} is accepted (§2) and the pages stay English. */
    public static final Parameters PARAMETERS = Parameters.of(single("id_token_hint", 8000),
            single("post_logout_redirect_uri", 2000), single("state", 2000), single("client_id", Client.MAX_ID_LENGTH),
            single("logout_hint", 200), single("ui_locales", 100));

    public static Outcome<EndSessionRequest> read(Form form) {
        return form.checked(PARAMETERS).map(checked -> new EndSessionRequest(checked.value("id_token_hint"),
                checked.value("post_logout_redirect_uri"), checked.value("state"), checked.value("client_id"),
                checked.value("logout_hint"), checked));
    }

    /** The parameters this endpoint knows, as sent, in their declared order; nothing else is carried on. */
    public Map<String, String> carried() {
        var carried = new LinkedHashMap<String, String>();
        for (String name : PARAMETERS.names()) {
            form.value(name).ifPresent(value -> carried.put(name, value));
        }
        return carried;
    }
}
