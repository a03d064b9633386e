package org.gatehouse.authorize.control;

import static org.gatehouse.protocol.entity.ErrorCode.ACCESS_DENIED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.authorize.entity.ConsentStep;
import org.gatehouse.consent.control.ConsentStore;
import org.gatehouse.pages.entity.ScopeChoice;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.sessions.entity.UserSession;

/**
 * The consent page's decisions (Duende's {@code RequireConsent}): the scopes the client asks for in plain
 * words, those not required the user may uncheck, and the decision remembered when the client allows it
 * ({@code AllowRememberConsent}, for {@code ConsentLifetime}).
 */
@ApplicationScoped
public class ConsentInteraction {

    @Inject
    CarriedRequests requests;

    @Inject
    AuthorizeInteraction decisions;

    @Inject
    AuthorizeResponder responder;

    @Inject
    ConsentStore consents;

    @Inject
    ResourceStore resources;

    /** The page for the carried request ({@code authorize}), unless the user must sign in (again) first. */
    public ConsentStep show(String authorize, Optional<UserSession> session, String issuer) {
        return requests.validate(authorize).fold(request -> {
            // Signed out meanwhile, or the request asks for a new sign-in (prompt, max_age, UserSsoLifetime).
            var signIn = decisions.signInNeeded(request, session, issuer);
            if (signIn.isPresent()) {
                return new ConsentStep.Answer(signIn.get());
            }
            return new ConsentStep.ShowForm(request, authorize, choices(request), request.client().authorize().allowRememberConsent());
        }, ConsentStep.Answer::new);
    }

    /** The posted form (its CSRF token already checked): the user's decision, answered to the client. */
    public ConsentStep submit(Form form, Optional<UserSession> session, String issuer) {
        return requests.validate(form.value("authorize").orElse("")).fold(request -> {
            var signIn = decisions.signInNeeded(request, session, issuer);
            return new ConsentStep.Answer(signIn.isPresent() ? signIn.get() : decide(request, form, session.get(), issuer));
        }, ConsentStep.Answer::new);
    }

    private AuthorizeStep decide(AuthorizeRequest request, Form form, UserSession session,
            String issuer) {
        if (!form.value("decision").filter("allow"::equals).isPresent()) {
            return AuthorizeResponder.error(request, ACCESS_DENIED, "the user denied consent");
        }
        // A scope counts as granted only if the request asked for it: the form cannot add one.
        var checked = new HashSet<>(form.values("scope"));
        var granted = new ArrayList<String>();
        for (var choice : choices(request)) {
            if (choice.required() || checked.contains(choice.name())) {
                granted.add(choice.name());
            }
        }
        if (granted.isEmpty()) {
            return AuthorizeResponder.error(request, ACCESS_DENIED, "the user granted no scope");
        }
        var client = request.client();
        if (client.authorize().allowRememberConsent() && form.value("remember").filter("true"::equals).isPresent()) {
            consents.remember(client, session.subjectId(), granted);
        }
        return responder.respond(request, session, granted, issuer);
    }

    /**
     * The requested scopes, and the identity resources of claims requested by name, with their display names;
     * openid and those marked Required cannot be unchecked.
     */
    List<ScopeChoice> choices(AuthorizeRequest request) {
        var catalog = resources.resources();
        var choices = new ArrayList<ScopeChoice>();
        for (String scope : request.consentScopes()) {
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
