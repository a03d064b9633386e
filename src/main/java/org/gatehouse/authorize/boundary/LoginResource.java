package org.gatehouse.authorize.boundary;

import static org.gatehouse.protocol.entity.ErrorCode.ACCESS_DENIED;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.gatehouse.authorize.control.AuthorizeResponder;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.network.boundary.ClientAddresses;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.sessions.boundary.SessionCookie;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.users.control.DeviceCookies;
import org.gatehouse.users.control.PasswordSignIn;
import org.gatehouse.users.entity.SignInResult;
import org.gatehouse.users.entity.UserAccount;

/**
 * The login page. It carries the authorization request it was sent for and, once the user is signed in,
 * returns to {@code /connect/authorize} with it, so the request is validated again and nothing the
 * browser could alter is trusted.
 */
@Path("account/login")
public class LoginResource {

    /** Said for an unknown user and a wrong password alike: the page reveals no account. */
    static final String REJECTED = "Invalid username or password.";

    /** RFC 8176 §2: password-based authentication. */
    private static final List<String> PASSWORD = List.of("pwd");

    @Inject
    ClientAddresses addresses;

    @Inject
    DeviceCookies deviceCookies;

    @Inject
    Interaction interaction;

    @Inject
    Pages pages;

    @Inject
    PasswordSignIn signIn;

    @Inject
    SessionStore sessions;

    @GET
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers) {
        String authorize = uri.getRequestUri().getRawQuery();
        return interaction.request(authorize).fold(
                request -> page(uri, headers, request, authorize, request.loginHint(), null, 200),
                answer -> interaction.answer(answer, uri));
    }

    @POST
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        return interaction.posted(contentType, body, headers, uri, (form, request) -> {
            String authorize = form.value("authorize").orElse("");
            if (form.value("button").filter("cancel"::equals).isPresent()) {
                return interaction.answer(AuthorizeResponder.error(request, ACCESS_DENIED, "the user cancelled the sign-in"), uri);
            }
            String username = form.value("username").orElse("");
            String password = form.value("password").orElse("");
            if (username.isEmpty() || password.isEmpty() || username.length() > 200 || password.length() > 1000) {
                return page(uri, headers, request, authorize, username, REJECTED, 400);
            }
            var device = headers.getCookies().get(DeviceCookies.NAME);
            var result = signIn.attempt(username, password, addresses.of(http).client().throttleKey(),
                    device == null ? null : device.getValue());
            if (result instanceof SignInResult.Throttled throttled) {
                long seconds = Math.max(1, throttled.retryAfter().toSeconds());
                return retryAfter(page(uri, headers, request, authorize, username, "Too many failed attempts. Try again in "
                        + seconds + " seconds.", 429), seconds);
            }
            if (result instanceof SignInResult.Busy busy) { // RFC 9110 §15.6.4: 503 with Retry-After
                long seconds = Math.max(1, busy.retryAfter().toSeconds());
                return retryAfter(page(uri, headers, request, authorize, username, "Too many sign-ins at this moment."
                        + " Try again in a few seconds.", 503), seconds);
            }
            if (!(result instanceof SignInResult.SignedIn signedIn)) {
                return page(uri, headers, request, authorize, username, REJECTED, 400);
            }
            sessions.end(SessionCookie.handle(headers.getCookies())); // a new session, never the old one (fixation)
            var started = sessions.start(signedIn.subjectId(), PASSWORD);
            String base = Interaction.base(uri);
            return Response.seeOther(uri.getBaseUri().resolve("connect/authorize?" + afterSignIn(request.parameters())))
                    .cookie(SessionCookie.of(started.handle(), base, sessions.options().cookieLifetime()),
                            deviceCookie(deviceCookies.issue(UserAccount.usernameKey(username)), base))
                    .header("Cache-Control", "no-store")
                    .build();
        });
    }

    /** Sent only with the sign-in form, which is Gatehouse's own page: SameSite=Strict. */
    private static NewCookie deviceCookie(String value, String path) {
        return new NewCookie.Builder(DeviceCookies.NAME).value(value).path(path).secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) DeviceCookies.LIFETIME.toSeconds()).build();
    }

    private static Response retryAfter(Response page, long seconds) {
        return Response.fromResponse(page).header("Retry-After", seconds).build();
    }

    /**
     * The request again, without what asked for this sign-in (else it would loop): the prompts login and
     * select_account, max_age (a sign-in just now satisfies it) and id_token_hint (the user chose who signs in).
     */
    static String afterSignIn(Form parameters) {
        var without = parameters.without(Set.of("prompt", "max_age", "id_token_hint"));
        var prompt = parameters.value("prompt");
        if (prompt.isEmpty()) {
            return without.encoded();
        }
        var kept = new ArrayList<>(Arrays.asList(prompt.get().trim().split(" +")));
        kept.removeAll(Set.of("login", "select_account"));
        return (kept.isEmpty() ? without : without.with("prompt", String.join(" ", kept))).encoded();
    }

    private Response page(UriInfo uri, HttpHeaders headers, AuthorizeRequest request, String authorize, String username,
            String error, int status) {
        return pages.login(Interaction.base(uri), request.client().displayName(), username, authorize, Csrf.token(headers.getCookies()), error, status);
    }
}
