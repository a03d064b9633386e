package org.gatehouse.claims.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.UNMET_AUTHENTICATION_REQUIREMENTS;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.claims.ClaimRequirement;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSetRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.claims.entity.AuthenticationContexts;
import org.gatehouse.claims.entity.ClaimsRequest;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.ClaimValue;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.IdentityResource;

/**
 * Reads the {@code claims} parameter (OIDC Core §5.5) with the Nimbus SDK and decides what of it Gatehouse grants:
 * a user claim only if it belongs to an enabled identity resource the client is allowed ({@code AllowedScopes}), so
 * that the parameter can narrow what a client gets but never widen it; the consent page then asks for that
 * resource. Claims with a language tag (§5.2) are not offered (profiles hold one value per claim); an essential
 * claim the user does not have is left out without an error (§5.5.1).
 */
@ApplicationScoped
public class ClaimsRequests {

    @Inject
    ResourceStore resources;

    /** @param scopes the request's scopes: a claim one of their identity resources brings needs no extra consent */
    public Outcome<ClaimsRequest> read(Client client, Collection<String> scopes, Optional<String> claims) {
        if (claims.isEmpty()) {
            return Outcome.success(ClaimsRequest.NONE);
        }
        OIDCClaimsRequest request;
        try {
            request = OIDCClaimsRequest.parse(claims.get());
        } catch (ParseException | RuntimeException e) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "claims is not a valid claims request (OIDC Core §5.5)"));
        }
        var entries = new ArrayList<ClaimsSetRequest.Entry>();
        entries.addAll(entries(request.getIDTokenClaimsRequest()));
        entries.addAll(entries(request.getUserInfoClaimsRequest()));
        if (entries.stream().anyMatch(ClaimsRequests::demandsAnotherAcr)) {
            // §5.5.1.1: an essential acr that cannot be met fails the authentication.
            return Outcome.failure(new OAuthError(UNMET_AUTHENTICATION_REQUIREMENTS,
                    "the essential acr requested is not one Gatehouse's sign-in meets (" + AuthenticationContexts.SINGLE_FACTOR + ")"));
        }
        var catalog = resources.resources();
        var allowed = catalog.identityResources().stream()
                .filter(resource -> resource.enabled() && client.allowedScopes().contains(resource.name()))
                .sorted(Comparator.comparing(IdentityResource::name)).toList();
        var allowedClaims = new HashSet<String>();
        allowed.forEach(resource -> allowedClaims.addAll(resource.userClaims()));
        var granted = new RequestedClaims(userClaims(request.getIDTokenClaimsRequest()),
                userClaims(request.getUserInfoClaimsRequest())).within(allowedClaims);
        return Outcome.success(new ClaimsRequest(granted, extraResources(granted, allowed, scopes),
                subject(request.getIDTokenClaimsRequest())));
    }

    /** The allowed identity resources the granted claims need that the scopes do not already bring, by name. */
    private static List<String> extraResources(RequestedClaims granted, List<IdentityResource> allowed,
            Collection<String> scopes) {
        var uncovered = new HashSet<String>(granted.idToken());
        uncovered.addAll(granted.userInfo());
        allowed.stream().filter(resource -> scopes.contains(resource.name()))
                .forEach(resource -> uncovered.removeAll(resource.userClaims()));
        var extra = new LinkedHashSet<String>();
        for (var resource : allowed) {
            if (uncovered.removeAll(resource.userClaims())) {
                extra.add(resource.name());
            }
        }
        return List.copyOf(extra);
    }

    private static Collection<ClaimsSetRequest.Entry> entries(ClaimsSetRequest request) {
        return request == null ? List.of() : request.getEntries();
    }

    private static Set<String> userClaims(ClaimsSetRequest request) {
        var names = new HashSet<String>();
        for (var entry : entries(request)) {
            if (entry.getLangTag() == null && !ClaimValue.PROTOCOL_CLAIMS.contains(entry.getClaimName())) {
                names.add(entry.getClaimName());
            }
        }
        return names;
    }

    /** §5.5.1: {@code "sub": {"value": …}} for the ID token names the only user the response may be for. */
    private static Optional<String> subject(ClaimsSetRequest request) {
        return entries(request).stream().filter(entry -> entry.getClaimName().equals("sub"))
                .map(ClaimsSetRequest.Entry::getValueAsString).filter(value -> value != null).findFirst();
    }

    private static boolean demandsAnotherAcr(ClaimsSetRequest.Entry entry) {
        if (!entry.getClaimName().equals("acr") || entry.getClaimRequirement() != ClaimRequirement.ESSENTIAL) {
            return false;
        }
        var values = new ArrayList<String>();
        if (entry.getValueAsString() != null) {
            values.add(entry.getValueAsString());
        }
        if (entry.getValuesAsListOfStrings() != null) {
            values.addAll(entry.getValuesAsListOfStrings());
        }
        return !values.isEmpty() && values.stream().noneMatch(AuthenticationContexts.SUPPORTED::contains);
    }
}
