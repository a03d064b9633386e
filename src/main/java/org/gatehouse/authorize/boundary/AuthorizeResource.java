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
import org.gatehouse.authorize.control.AuthorizeInteraction;
import org.gatehouse.authorize.control.AuthorizeRequestValidator;
import org.gatehouse.authorize.control.AuthorizeRequestValidator.Validated;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.Outcome;

/** {@code /connect/authorize} (RFC 6749 §3.1; OIDC Core §3.1.2.1: GET and POST). */
@Path(Endpoints.AUTHORIZE)
public class AuthorizeResource {

    @Inject
    Interaction interaction;

    @Inject
    AuthorizeInteraction decisions;

    @Inject
    AuthorizeRequestValidator validator;

    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return authorize(FormParser.parseEncoded(uri.getRequestUri().getRawQuery()), uri, headers);
    }

    @POST
    public Response post(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return authorize(FormParser.parse(contentType, body), uri, headers);
    }

    private Response authorize(Outcome<Form> parameters, UriInfo uri, HttpHeaders headers) {
        String issuer = interaction.issuer(uri);
        var validated = parameters.fold(form -> validator.validate(form, issuer),
                error -> new Validated.Invalid(new AuthorizeStep.ShowError(error)));
        return interaction.answer(validated.fold(request -> decisions.next(request,
                interaction.session(headers.getCookies()), issuer), answer -> answer), uri);
    }
}
