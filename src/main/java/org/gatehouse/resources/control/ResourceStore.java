package org.gatehouse.resources.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.platform.control.DocumentStore;
import org.gatehouse.platform.entity.DocumentKind;
import java.util.List;
import org.gatehouse.resources.entity.Resources;

/** Identity resources, API scopes and API resources, read from the database once and served from memory. */
@ApplicationScoped
public class ResourceStore {

    @Inject
    DocumentStore documents;

    private volatile Resources resources = new Resources(List.of(), List.of(), List.of());

    public Resources resources() {
        return resources;
    }

    public void reload() {
        resources = new Resources(
                documents.read(DocumentKind.IDENTITY_RESOURCE, ResourceReader::identityResource),
                documents.read(DocumentKind.API_SCOPE, ResourceReader::apiScope),
                documents.read(DocumentKind.API_RESOURCE, ResourceReader::apiResource));
    }
}
