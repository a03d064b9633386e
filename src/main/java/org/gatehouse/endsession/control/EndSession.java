package org.gatehouse.endsession.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Optional;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.endsession.entity.EndSessionRequest;
import org.gatehouse.endsession.entity.EndSessionStep;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.logout.control.SessionEnd;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.entity.UserSession;
import org.gatehouse.users.control.UserAccounts;
import org.gatehouse.users.entity.UserAccount;

/**
 * RP-Initiated Logout (OpenID Connect RP-Initiated Logout 1.0). With a valid {@code id_token_hint} for the user
 * signed in here (and a {@code logout_hint}, if any, naming that user too), the user is signed out at once;
 * otherwise the user is asked first (§2), so that another site cannot sign the user out. A
 * {@code post_logout_redirect_uri} must be registered exactly for the client that {@code id_token_hint} or
 * {@code client_id} names; the browser is sent back to it, with {@code state} (§3).
 */
@ApplicationScoped
public class EndSession {

    @Inject
    SessionStore sessions;

    @Inject
    SessionEnd sessionEnd;

    @Inject
    ClientStore clients;

    @Inject
    TokenInspector inspector;

    @Inject
    UserAccounts accounts;

    /**
     * @param sessionHandle the browser's session cookie, or null
     * @param confirmed whether the user confirmed on the page (a POST with the browser's CSRF token)
     */
    public EndSessionStep end(EndSessionRequest request, String sessionHandle, boolean confirmed, String issuer) {
        var hint = request.idTokenHint();
        var claims = hint.flatMap(token -> inspector.idTokenHint(token, issuer));
        if (hint.isPresent() && claims.isEmpty()) {
            return error("id_token_hint is not an ID token of this server");
        }
        var clientId = claims.map(c -> c.getAudience().get(0)).or(request::clientId);
        if (claims.isPresent() && request.clientId().filter(id -> !id.equals(clientId.get())).isPresent()) {
            return error("client_id does not match the id_token_hint");
        }
        var redirect = request.postLogoutRedirectUri();
        if (redirect.isPresent() && clientId.isEmpty()) { // §3: the URI is registered per client; whose is it?
            return error("post_logout_redirect_uri is not registered for a client this request names: send an id_token_hint"
                    + " or a client_id");
        }
        if (redirect.isPresent() && clientId.flatMap(clients::find).filter(Client::enabled)
                .filter(c -> c.logout().postLogoutRedirectUris().contains(redirect.get())).isEmpty()) {
            return error("post_logout_redirect_uri is not registered for the client");
        }
        var session = sessions.find(sessionHandle);
        // §2: the hint confirms only for the user signed in here; another user's token asks first.
        boolean hintMatches = claims.isPresent() && (session.isEmpty() || names(claims.get(), clientId.get(), session.get()))
                && request.logoutHint().map(h -> session.isEmpty() || namesUser(h, clientId.get(), session.get())).orElse(true);
        if (!hintMatches && !confirmed && session.isPresent()) {
            return new EndSessionStep.Confirm(request.carried(), redirect);
        }
        var ending = new ArrayList<UserSession>();
        session.ifPresent(ending::add);
        if (hintMatches && claims.get().getClaim("sid") instanceof String sid && session.isEmpty()) {
            // the browser did not send the cookie: the session the token was issued in
            sessions.findById(sid).ifPresent(ending::add);
        }
        var frontChannel = new ArrayList<String>();
        ending.forEach(s -> frontChannel.addAll(sessionEnd.end(s, issuer)));
        return new EndSessionStep.SignedOut(redirect.map(uri -> request.state()
                .map(state -> uri + (uri.contains("?") ? "&" : "?") + "state=" + Form.encode(state))
                .orElse(uri)), frontChannel);
    }

    private static EndSessionStep error(String description) {
        return new EndSessionStep.ShowError(new OAuthError(INVALID_REQUEST, description));
    }

    /** Whether the hint is for the session's user, as its client sees subjects, and (if it says) for this session. */
    private boolean names(JWTClaimsSet hint, String clientId, UserSession session) {
        var client = clients.find(clientId);
        return client.isPresent()
                && SubjectIdentifiers.forClient(client.get(), session.subjectId()).equals(hint.getSubject())
                && (hint.getClaim("sid") == null || session.sessionId().equals(hint.getClaim("sid")));
    }

    /** {@code logout_hint} (§2, its meaning the OP's to choose): the user's username, as {@code login_hint}, or sub. */
    private boolean namesUser(String logoutHint, String clientId, UserSession session) {
        boolean isSubject = clients.find(clientId)
                .map(client -> SubjectIdentifiers.forClient(client, session.subjectId()).equals(logoutHint)).orElse(false);
        return isSubject || accounts.findByUsername(logoutHint).map(UserAccount::subjectId)
                .filter(session.subjectId()::equals).isPresent();
    }
}
