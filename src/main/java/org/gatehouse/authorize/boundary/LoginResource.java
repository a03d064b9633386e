package org.gatehouse.authorize.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.gatehouse.authorize.control.LoginInteraction;
import org.gatehouse.authorize.entity.LoginStep;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.sessions.boundary.SessionCookie;

/** The login page: the form and its submission go to {@link LoginInteraction}; its step becomes a page or redirect. */
@Path(Endpoints.LOGIN)
public class LoginResource {

    @Inject
    Interaction interaction;

    @Inject
    Pages pages;

    @Inject
    LoginInteraction login;

    @GET
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers) {
        return render(login.show(uri.getRequestUri().getRawQuery()), uri, headers);
    }

    @POST
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        return interaction.posted(contentType, body, headers, uri, form -> render(
                login.submit(form, SessionCookie.handle(headers.getCookies()), http.getRemoteAddr()), uri, headers));
    }

    private Response render(LoginStep step, UriInfo uri, HttpHeaders headers) {
        if (step instanceof LoginStep.Answer answer) {
            return interaction.answer(answer.step(), uri);
        }
        if (step instanceof LoginStep.ShowForm page) {
            return pages.login(Interaction.base(uri), page.request().client().displayName(), page.username(), page.authorize(),
                    Csrf.token(headers.getCookies()), page.error().orElse(null), page.status());
        }
        var signedIn = (LoginStep.SignedIn) step;
        return Response.seeOther(uri.getBaseUri().resolve(Endpoints.AUTHORIZE + "?" + signedIn.authorize()))
                .cookie(SessionCookie.of(signedIn.handle(), Interaction.base(uri), signedIn.lifetime()))
                .header("Cache-Control", "no-store")
                .build();
    }
}
