package org.gatehouse.authorize.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.gatehouse.authorize.control.ConsentInteraction;
import org.gatehouse.authorize.entity.ConsentStep;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.entity.Endpoints;

/** The consent page: the form and its submission go to {@link ConsentInteraction}; its step becomes a page or redirect. */
@Path(Endpoints.CONSENT)
public class ConsentResource {

    @Inject
    Interaction interaction;

    @Inject
    Pages pages;

    @Inject
    Csrf csrf;

    @Inject
    ConsentInteraction consent;

    @GET
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers) {
        var step = consent.show(uri.getRequestUri().getRawQuery(), interaction.session(headers.getCookies()),
                interaction.issuer(uri));
        return render(step, uri, headers);
    }

    @POST
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return interaction.posted(contentType, body, headers, uri, form -> render(
                consent.submit(form, interaction.session(headers.getCookies()), interaction.issuer(uri)), uri, headers));
    }

    private Response render(ConsentStep step, UriInfo uri, HttpHeaders headers) {
        if (step instanceof ConsentStep.Answer answer) {
            return interaction.answer(answer.step(), uri);
        }
        var page = (ConsentStep.ShowForm) step;
        var client = page.request().client();
        return pages.consent(Interaction.base(uri), client.displayName(), client.clientUri(), client.logoUri(), page.choices(),
                page.allowRemember(), page.authorize(), csrf.token(headers.getCookies()), page.request().redirection().redirectUri());
    }
}
