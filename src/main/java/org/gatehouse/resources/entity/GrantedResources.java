package org.gatehouse.resources.entity;

import java.util.List;
import java.util.Set;

/**
 * What a token request was granted: its scopes, the APIs it is for ({@code aud}), and the signing
 * algorithms those APIs accept (empty: any).
 */
public record GrantedResources(List<String> scopes, List<String> audiences, Set<String> signingAlgorithms) {

    public String scope() {
        return String.join(" ", scopes);
    }
}
