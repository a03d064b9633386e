package org.gatehouse.pages.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.gatehouse.protocol.entity.Endpoints;

/** The pages' stylesheets and logo: Gatehouse's own, then the deployment's ({@link Branding}). */
@Path(Endpoints.UI)
public class BrandingResource {

    private static final String CSS = "text/css; charset=UTF-8";

    @Inject
    Branding branding;

    @GET
    @Path(Endpoints.STYLESHEET)
    public Response stylesheet() {
        InputStream css = BrandingResource.class.getResourceAsStream("/ui/gatehouse.css");
        return Response.ok(css, CSS).header("Cache-Control", "max-age=3600").build();
    }

    @GET
    @Path(Endpoints.BRAND_STYLESHEET)
    public Response brandStylesheet() throws IOException {
        var file = branding.stylesheet();
        return Response.ok(file.isPresent() ? Files.readAllBytes(file.get()) : new byte[0], CSS)
                .header("Cache-Control", "max-age=300").build();
    }

    @GET
    @Path(Endpoints.LOGO)
    public Response logo() throws IOException {
        var file = branding.logo();
        if (file.isEmpty()) {
            return Response.status(404).build();
        }
        String type = Files.probeContentType(file.get());
        return Response.ok(Files.readAllBytes(file.get()), type == null ? "application/octet-stream" : type)
                .header("Cache-Control", "max-age=300")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
