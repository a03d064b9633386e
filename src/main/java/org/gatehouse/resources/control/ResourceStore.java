package org.gatehouse.resources.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.platform.control.DocumentStore;
import org.gatehouse.platform.entity.DocumentKind;
import java.util.LinkedHashMap;
import java.util.List;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.resources.entity.Resources;

/**
 * Identity resources (the standard ones of OIDC Core §5.4, replaced by configured ones of the same name),
 * API scopes and API resources, read from the database once and served from memory.
 */
@ApplicationScoped
public class ResourceStore {

    @Inject
    DocumentStore documents;

    private volatile Resources resources = new Resources(List.of(), List.of(), List.of());

    public Resources resources() {
        return resources;
    }

    public void reload() {
        var identityResources = new LinkedHashMap<String, IdentityResource>();
        StandardIdentityResources.ALL.forEach(resource -> identityResources.put(resource.name(), resource));
        documents.read(DocumentKind.IDENTITY_RESOURCE, ResourceReader::identityResource)
                .forEach(resource -> identityResources.put(resource.name(), resource));
        resources = new Resources(List.copyOf(identityResources.values()),
                documents.read(DocumentKind.API_SCOPE, ResourceReader::apiScope),
                documents.read(DocumentKind.API_RESOURCE, ResourceReader::apiResource));
    }
}
