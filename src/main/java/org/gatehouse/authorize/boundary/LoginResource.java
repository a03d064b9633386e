package org.gatehouse.authorize.boundary;

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
import org.gatehouse.authorize.control.LoginInteraction;
import org.gatehouse.authorize.entity.LoginStep;
import org.gatehouse.network.boundary.ClientAddresses;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.entity.Endpoints;
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
    LoginInteraction login;

    @GET
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers) {
        return render(login.show(uri.getRequestUri().getRawQuery()), uri, headers);
    }

    @POST
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        var device = headers.getCookies().get(DeviceCookies.NAME);
        return interaction.posted(contentType, body, headers, uri, form -> render(login.submit(form,
                SessionCookie.handle(headers.getCookies()), addresses.of(http).client().throttleKey(),
                device == null ? null : device.getValue(), interaction.issuer(uri)), uri, headers));
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
        var signedIn = (LoginStep.SignedIn) step;
        String base = Interaction.base(uri);
        return Response.seeOther(uri.getBaseUri().resolve(Endpoints.AUTHORIZE + "?" + signedIn.authorize()))
                .cookie(SessionCookie.of(signedIn.handle(), base, signedIn.lifetime()), deviceCookie(signedIn.deviceCookie()))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Sent only with the sign-in form, which is Gatehouse's own page: SameSite=Strict; __Host-: Path=/. */
    private static NewCookie deviceCookie(String value) {
        return new NewCookie.Builder(DeviceCookies.NAME).value(value).path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) DeviceCookies.LIFETIME.toSeconds()).build();
    }
}
