package org.gatehouse.authorize.boundary;

import static org.gatehouse.protocol.entity.ErrorCode.ACCESS_DENIED;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.gatehouse.authorize.control.AuthorizeInteraction;
import org.gatehouse.authorize.control.AuthorizeResponder;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.consent.control.ConsentStore;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.pages.boundary.Pages.ScopeChoice;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.StandardIdentityResources;

/**
 * The consent page (Duende's {@code RequireConsent}): the client, and the scopes it asks for in plain
 * words; the user may uncheck those not required, and have the decision remembered
 * ({@code AllowRememberConsent}, for {@code ConsentLifetime}).
 */
@Path("account/consent")
public class ConsentResource {

    @Inject
    Interaction interaction;

    @Inject
    Pages pages;

    @Inject
    ConsentStore consents;

    @Inject
    ResourceStore resources;

    @Inject
    AuthorizeResponder responder;

    @Inject
    AuthorizeInteraction decisions;

    @GET
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers) {
        String authorize = uri.getRequestUri().getRawQuery();
        return interaction.request(authorize).fold(request -> consentPage(request, authorize, uri, headers),
                answer -> interaction.answer(answer, uri));
    }

    private Response consentPage(AuthorizeRequest request, String authorize, UriInfo uri, HttpHeaders headers) {
        // Signed out meanwhile, or the request asks for a new sign-in (prompt, max_age, UserSsoLifetime).
        var signIn = decisions.signInNeeded(request, interaction.session(headers.getCookies()), interaction.issuer(uri));
        if (signIn.isPresent()) {
            return interaction.answer(signIn.get(), uri);
        }
        var client = request.client();
        return pages.consent(Interaction.base(uri), client.displayName(), client.clientUri(), client.logoUri(), choices(request),
                client.authorize().allowRememberConsent(), authorize, Csrf.token(headers.getCookies()));
    }

    @POST
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return interaction.posted(contentType, body, headers, uri, (form, request) -> {
            var session = interaction.session(headers.getCookies());
            var signIn = decisions.signInNeeded(request, session, interaction.issuer(uri));
            if (signIn.isPresent()) {
                return interaction.answer(signIn.get(), uri);
            }
            if (!form.value("decision").filter("allow"::equals).isPresent()) {
                return interaction.answer(AuthorizeResponder.error(request, ACCESS_DENIED, "the user denied consent"), uri);
            }
            var checked = new HashSet<>(form.values("scope"));
            var granted = new ArrayList<String>();
            for (var choice : choices(request)) {
                if (choice.required() || checked.contains(choice.name())) {
                    granted.add(choice.name());
                }
            }
            if (granted.isEmpty()) {
                return interaction.answer(AuthorizeResponder.error(request, ACCESS_DENIED, "the user granted no scope"), uri);
            }
            var client = request.client();
            if (client.authorize().allowRememberConsent() && form.value("remember").filter("true"::equals).isPresent()) {
                consents.remember(client, session.get().subjectId(), granted);
            }
            return interaction.answer(responder.respond(request, session.get(), granted, interaction.issuer(uri)), uri);
        });
    }

    /** The requested scopes with their display names; openid and those marked Required cannot be unchecked. */
    private List<ScopeChoice> choices(AuthorizeRequest request) {
        var catalog = resources.resources();
        var choices = new ArrayList<ScopeChoice>();
        for (String scope : request.requested().scopes()) {
            if (scope.equals(StandardIdentityResources.OFFLINE_ACCESS)) {
                choices.add(new ScopeChoice(scope, "Offline access",
                        "Access to your applications and resources, even when you are offline", false, true));
                continue;
            }
            var identity = catalog.identityResource(scope);
            if (identity.isPresent()) {
                var resource = identity.get();
                choices.add(new ScopeChoice(scope, displayName(resource.displayName(), scope), resource.description(),
                        resource.required() || scope.equals(StandardIdentityResources.OPENID), resource.emphasize()));
                continue;
            }
            catalog.apiScope(scope).ifPresent(api -> choices.add(new ScopeChoice(scope,
                    displayName(api.displayName(), scope), api.description(), api.required(), api.emphasize())));
        }
        return choices;
    }

    private static String displayName(String displayName, String name) {
        return displayName == null || displayName.isEmpty() ? name : displayName;
    }
}
