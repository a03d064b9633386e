package org.gatehouse.authorize.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gatehouse.claims.entity.ClaimsRequest;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.resources.entity.GrantedResources;

/**
 * A validated authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1). {@code responseType} holds
 * the values of {@code response_type}; {@code requested} the scopes and APIs it may be granted;
 * {@code claims} what its {@code claims} parameter asks for (OIDC Core §5.5); {@code dpopJkt} the DPoP key its code is
 * bound to (RFC 9449 §10; null: none); {@code parameters} the request as received or pushed; {@code carried} what the
 * login and consent pages carry (the request itself, or for a pushed one its {@code request_uri}); {@code requestUri}
 * the pushed request's (RFC 9126; null: not pushed), used up by the authorization response.
 */
public record AuthorizeRequest(
        Client client,
        Redirection redirection,
        Set<String> responseType,
        GrantedResources requested,
        String nonce,
        String codeChallenge,
        String codeChallengeMethod,
        Set<String> prompt,
        Integer maxAge,
        String loginHint,
        List<String> resources,
        ClaimsRequest claims,
        String dpopJkt,
        Form parameters,
        Form carried,
        String requestUri) {

    public static final String CODE = "code";
    public static final String ID_TOKEN = "id_token";
    public static final String TOKEN = "token";

    public boolean returnsCode() {
        return responseType.contains(CODE);
    }

    public boolean returnsIdToken() {
        return responseType.contains(ID_TOKEN);
    }

    public boolean returnsAccessToken() {
        return responseType.contains(TOKEN);
    }

    /** What the user consents to: the requested scopes, and the identity resources of the claims asked for by name. */
    public List<String> consentScopes() {
        if (claims.identityResources().isEmpty()) {
            return requested.scopes();
        }
        var scopes = new ArrayList<>(requested.scopes());
        scopes.addAll(claims.identityResources());
        return List.copyOf(scopes);
    }

    /** This request kept under {@code requestUri}, which the pages now carry ({@code carried}) instead of the request. */
    public AuthorizeRequest keptAs(Form carried, String requestUri) {
        return new AuthorizeRequest(client, redirection, responseType, requested, nonce, codeChallenge, codeChallengeMethod,
                prompt, maxAge, loginHint, resources, claims, dpopJkt, parameters, carried, requestUri);
    }

    public boolean prompts(String value) {
        return prompt.contains(value);
    }
}
