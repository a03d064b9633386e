package org.gatehouse.authorize.control;

import static org.gatehouse.protocol.entity.ErrorCode.ACCESS_DENIED;
import static org.gatehouse.protocol.entity.ErrorCode.LOGIN_REQUIRED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.LoginAttempt;
import org.gatehouse.authorize.entity.LoginStep;
import org.gatehouse.logout.control.SessionEnd;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.users.control.DeviceCookies;
import org.gatehouse.users.control.PasswordSignIn;
import org.gatehouse.users.entity.SignInResult;
import org.gatehouse.users.entity.UserAccount;

/**
 * The login page's decisions. It carries the authorization request it was shown for and, once the user is
 * signed in, sends the browser back to the authorization endpoint with it, so the request is validated again.
 */
@ApplicationScoped
public class LoginInteraction {

    /** Said for an unknown user and a wrong password alike: the page reveals no account. */
    static final String REJECTED = "Invalid username or password.";

    /** The page's own bounds on what is typed (its inputs' maxlength); longer is refused unread. */
    static final int MAX_USERNAME = 200;
    static final int MAX_PASSWORD = 1000;

    /** RFC 8176 §2: password-based authentication. */
    private static final List<String> PASSWORD = List.of("pwd");

    @Inject
    CarriedRequests requests;

    @Inject
    PasswordSignIn signIn;

    @Inject
    AuthorizeInteraction authorizations;

    @Inject
    SessionStore sessions;

    @Inject
    SessionEnd sessionEnd;

    @Inject
    DeviceCookies deviceCookies;

    /** The form for the carried request ({@code authorize}), with the client's {@code login_hint}. */
    public LoginStep show(String authorize) {
        return requests.validate(authorize).fold(
                request -> new LoginStep.ShowForm(request, authorize, request.loginHint(), Optional.empty(), 200,
                        Optional.empty()),
                LoginStep.Answer::new);
    }

    /**
     * The posted form (its CSRF token already checked).
     *
     * @param attempt where it comes from; its session is ended on sign-in: a new session, never the old one (fixation)
     */
    public LoginStep submit(Form form, LoginAttempt attempt) {
        String authorize = form.value("authorize").orElse("");
        return requests.validate(authorize).fold(request -> submit(request, authorize, form, attempt), LoginStep.Answer::new);
    }

    private LoginStep submit(AuthorizeRequest request, String authorize, Form form, LoginAttempt attempt) {
        if (form.value("button").filter("cancel"::equals).isPresent()) {
            return new LoginStep.Answer(AuthorizeResponder.error(request, ACCESS_DENIED, "the user cancelled the sign-in"));
        }
        String username = form.value("username").orElse("");
        String password = form.value("password").orElse("");
        if (username.isEmpty() || password.isEmpty() || username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
            return again(request, authorize, username, REJECTED, 400);
        }
        var result = signIn.attempt(username, password, attempt.clientAddress(), attempt.deviceCookie(), attempt.waited());
        if (result instanceof SignInResult.SlowedDown slowed) {
            return new LoginStep.Wait(slowed.delay());
        }
        if (result instanceof SignInResult.Throttled throttled) {
            return new LoginStep.ShowForm(request, authorize, username, Optional.of("Too many failed attempts. Try again in "
                    + seconds(throttled.retryAfter()) + " seconds."), 429, Optional.of(throttled.retryAfter()));
        }
        if (result instanceof SignInResult.Busy busy) {
            return new LoginStep.ShowForm(request, authorize, username, Optional.of("Too many sign-ins at this moment."
                    + " Try again in a few seconds."), 503, Optional.of(busy.retryAfter()));
        }
        if (!(result instanceof SignInResult.SignedIn signedIn)) {
            return again(request, authorize, username, REJECTED, 400);
        }
        // OIDC Core §3.1.2.1: the client asked, with id_token_hint, for one user; another who signs in here is not
        // silently answered for in their place (and the browser's session stays as it was).
        var hinted = authorizations.hintedSubject(request, attempt.issuer());
        if (!hinted.fold(subject -> AuthorizeInteraction.isHinted(request, signedIn.subjectId(), subject), e -> false)) {
            return new LoginStep.Answer(AuthorizeResponder.error(request, LOGIN_REQUIRED,
                    "the user who signed in is not the one id_token_hint names"));
        }
        // The same user signing in again keeps the session's sid and the clients it signed into (as Duende does),
        // under a new handle; another user's sign-in ends the previous user's session, and its clients are told.
        var previous = sessions.find(attempt.sessionHandle());
        var continued = previous.filter(session -> session.subjectId().equals(signedIn.subjectId()));
        if (previous.isPresent() && continued.isEmpty()) {
            sessionEnd.end(previous.get(), attempt.issuer());
        }
        var started = sessions.start(signedIn.subjectId(), PASSWORD, continued);
        return new LoginStep.SignedIn(started.handle(), started.session().sessionId(), sessions.options().cookieLifetime(), carriedAfterSignIn(request),
                deviceCookies.issue(UserAccount.usernameKey(username)));
    }

    private static LoginStep again(AuthorizeRequest request, String authorize, String username, String error, int status) {
        return new LoginStep.ShowForm(request, authorize, username, Optional.of(error), status, Optional.empty());
    }

    /** Whole seconds, at least one, as Retry-After and the page say it. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /**
     * The request again, without what asked for this sign-in (else it would loop): the prompts login and
     * select_account, max_age (a sign-in just now satisfies it) and id_token_hint (the user chose who signs in).
     */
    static Form afterSignIn(Form parameters) {
        var without = parameters.without(Set.of("prompt", "max_age", "id_token_hint"));
        var prompt = parameters.value("prompt");
        if (prompt.isEmpty()) {
            return without;
        }
        var kept = new ArrayList<>(Arrays.asList(prompt.get().trim().split(" +")));
        kept.removeAll(Set.of("login", "select_account"));
        return kept.isEmpty() ? without : without.with("prompt", String.join(" ", kept));
    }

    /** What the pages carry after the sign-in: a pushed request cannot change, so its request_uri says it happened. */
    static String carriedAfterSignIn(AuthorizeRequest request) {
        return request.requestUri() == null ? afterSignIn(request.parameters()).encoded()
                : request.carried().with(AuthorizeRequestValidator.SUPPRESSED_PROMPT, "login").encoded();
    }
}
