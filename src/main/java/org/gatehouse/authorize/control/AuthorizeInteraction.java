package org.gatehouse.authorize.control;

import static org.gatehouse.protocol.entity.ErrorCode.CONSENT_REQUIRED;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.LOGIN_REQUIRED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.consent.control.ConsentStore;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.sessions.entity.UserSession;

/**
 * Decides, for a valid request, whether the user must sign in, must consent, or gets the response now
 * (OIDC Core §3.1.2.3-4), honouring {@code prompt}, {@code max_age}, {@code id_token_hint} and the client's
 * {@code UserSsoLifetime} and {@code RequireConsent}.
 */
@ApplicationScoped
public class AuthorizeInteraction {

    @Inject
    ConsentStore consents;

    @Inject
    AuthorizeResponder responder;

    @Inject
    TokenInspector inspector;

    @Inject
    Clock clock;

    public AuthorizeStep next(AuthorizeRequest request, Optional<UserSession> session, String issuer) {
        var signIn = signInNeeded(request, session, issuer);
        if (signIn.isPresent()) {
            return signIn.get();
        }
        String subject = session.get().subjectId();
        if (needsConsent(request, subject)) {
            return request.prompts("none")
                    ? AuthorizeResponder.error(request, CONSENT_REQUIRED, "the user has not consented")
                    : new AuthorizeStep.Consent(request, subject);
        }
        return responder.respond(request, session.get(), request.consentScopes(), issuer);
    }

    /**
     * What the request still needs before any response, the consent page's included: a (new) sign-in, or
     * an error; empty when the session satisfies it.
     */
    public Optional<AuthorizeStep> signInNeeded(AuthorizeRequest request, Optional<UserSession> session, String issuer) {
        return hintedSubject(request, issuer).fold(hinted -> {
            if (session.isEmpty() || mustSignInAgain(request, session.get())
                    || !isHinted(request, session.get().subjectId(), hinted)) {
                return Optional.of(request.prompts("none")
                        ? AuthorizeResponder.error(request, LOGIN_REQUIRED, "the user is not signed in")
                        : new AuthorizeStep.SignIn(request));
            }
            return Optional.empty();
        }, error -> Optional.of(AuthorizeResponder.error(request, error.error(), error.description())));
    }

    /** The subject {@code id_token_hint} names, as the client sees subjects; empty without a hint. */
    public Outcome<Optional<String>> hintedSubject(AuthorizeRequest request, String issuer) {
        var hint = request.parameters().value("id_token_hint");
        if (hint.isEmpty()) {
            return Outcome.success(Optional.empty());
        }
        return inspector.idTokenHint(hint.get(), issuer)
                .filter(claims -> claims.getAudience().contains(request.client().clientId()))
                .map(claims -> Outcome.success(Optional.ofNullable(claims.getSubject())))
                .orElseGet(() -> Outcome.failure(new OAuthError(INVALID_REQUEST,
                        "id_token_hint is not an ID token issued to this client")));
    }

    /**
     * §3.1.2.1: the user id_token_hint names, if any, is {@code subjectId} (as the client sees subjects); so is the
     * one a {@code claims} parameter demands as the ID token's {@code sub} (§5.5.1).
     */
    public static boolean isHinted(AuthorizeRequest request, String subjectId, Optional<String> hinted) {
        String seen = SubjectIdentifiers.forClient(request.client(), subjectId);
        return hinted.map(seen::equals).orElse(true)
                && request.claims().subject().map(seen::equals).orElse(true);
    }

    /**
     * prompt=login and select_account (Gatehouse has one account per browser: choosing one is signing in),
     * max_age (§3.1.2.1), and UserSsoLifetime (Duende: the longest time since the last sign-in this client
     * accepts).
     */
    private boolean mustSignInAgain(AuthorizeRequest request, UserSession session) {
        if (request.prompts("login") || request.prompts("select_account")) {
            return true;
        }
        // §3.1.2.1: re-authenticate when the elapsed time is greater than max_age; max_age=0 is prompt=login.
        var age = Duration.between(session.authTime(), clock.instant());
        if (request.maxAge() != null && age.compareTo(Duration.ofSeconds(request.maxAge())) > 0) {
            return true;
        }
        Integer ssoLifetime = request.client().authorize().userSsoLifetime();
        return ssoLifetime != null && age.compareTo(Duration.ofSeconds(ssoLifetime)) > 0;
    }

    /** OIDC Core §3.1.2.1: prompt=consent asks even a client that does not RequireConsent. */
    private boolean needsConsent(AuthorizeRequest request, String subject) {
        var client = request.client();
        if (request.prompts("consent")) {
            return true;
        }
        if (!client.authorize().requireConsent()) {
            return false;
        }
        return consents.find(client.clientId(), subject)
                .map(allowed -> !allowed.containsAll(request.consentScopes()))
                .orElse(true);
    }
}
