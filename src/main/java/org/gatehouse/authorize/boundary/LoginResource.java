package org.gatehouse.authorize.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gatehouse.authorize.control.LoginInteraction;
import org.gatehouse.authorize.entity.LoginAttempt;
import org.gatehouse.authorize.entity.LoginStep;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.network.boundary.ClientAddresses;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.sessions.boundary.SessionCookie;
import org.gatehouse.users.control.DeviceCookies;

/** The login page: the form and its submission go to {@link LoginInteraction}; its step becomes a page or redirect. */
@Path(Endpoints.LOGIN)
public class LoginResource {

    @Inject
    ClientAddresses addresses;

    @Inject
    Interaction interaction;

    @Inject
    Pages pages;

    @Inject
    Csrf csrf;

    @Inject
    Features features;

    @Inject
    LoginInteraction login;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers) {
        return render(login.show(uri.getRequestUri().getRawQuery()), uri, headers);
    }

    /**
     * Asynchronous, so that an attempt from a slowed-down address waits without a thread: it is submitted again,
     * as having waited, from the scheduler.
     */
    @POST
    public void submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest http,
            @Suspended AsyncResponse answer) {
        var device = headers.getCookies().get(DeviceCookies.NAME);
        var attempt = new LoginAttempt(SessionCookie.handle(headers.getCookies()), addresses.of(http).client().throttleKey(),
                device == null ? null : device.getValue(), interaction.issuer(uri), false);
        interaction.form(contentType, body, headers, uri)
                .fold(form -> atOnce(form, attempt, uri, headers, answer), error -> Optional.of(interaction.error(uri, error)))
                .ifPresent(answer::resume);
    }

    /** The answer now, or empty when the attempt is to wait: then it is answered from the scheduler. */
    private Optional<Response> atOnce(Form form, LoginAttempt attempt, UriInfo uri, HttpHeaders headers, AsyncResponse answer) {
        var step = login.submit(form, attempt);
        if (!(step instanceof LoginStep.Wait wait)) {
            return Optional.of(render(step, uri, headers));
        }
        scheduler.schedule(() -> {
            try {
                answer.resume(render(login.submit(form, attempt.afterWaiting()), uri, headers));
            } catch (RuntimeException e) {
                answer.resume(e); // to the exception mappers, as a request thread's would go
            }
        }, wait.delay().toMillis(), TimeUnit.MILLISECONDS);
        return Optional.empty();
    }

    private Response render(LoginStep step, UriInfo uri, HttpHeaders headers) {
        if (step instanceof LoginStep.Answer answer) {
            return interaction.answer(answer.step(), uri);
        }
        if (step instanceof LoginStep.ShowForm page) {
            var form = pages.login(Interaction.base(uri), page.request().client().displayName(), page.username(),
                    page.authorize(), csrf.token(headers.getCookies()), page.error().orElse(null), page.status(),
                    page.request().redirection().redirectUri());
            return page.retryAfter().isEmpty() ? form : Response.fromResponse(form)
                    .header("Retry-After", LoginInteraction.seconds(page.retryAfter().get())).build();
        }
        if (!(step instanceof LoginStep.SignedIn signedIn)) {
            throw new IllegalStateException("an attempt that has waited is not told to wait again: " + step);
        }
        var answer = Response.seeOther(uri.getBaseUri().resolve(Endpoints.AUTHORIZE + "?" + signedIn.authorize()))
                .cookie(SessionCookie.of(signedIn.handle(), signedIn.lifetime()), deviceCookie(signedIn.deviceCookie()))
                .header("Cache-Control", "no-store");
        if (features.isOn(Feature.SESSION_MANAGEMENT)) { // what the check-session iframe reads
            answer.cookie(SessionCookie.browserState(signedIn.sessionId(), signedIn.lifetime()));
        }
        return answer.build();
    }

    /** Sent only with the sign-in form, which is Gatehouse's own page: SameSite=Strict; __Host-: Path=/. */
    private static NewCookie deviceCookie(String value) {
        return new NewCookie.Builder(DeviceCookies.NAME).value(value).path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) DeviceCookies.LIFETIME.toSeconds()).build();
    }
}
