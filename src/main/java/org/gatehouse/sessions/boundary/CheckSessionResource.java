package org.gatehouse.sessions.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.entity.Endpoints;

/** {@code /connect/checksession}: the OP iframe of OpenID Connect Session Management 1.0 §3.2. */
@Path(Endpoints.CHECK_SESSION)
public class CheckSessionResource {

    @Inject
    Pages pages;

    @GET
    public Response checkSession() {
        return pages.checkSession(SessionCookie.BROWSER_STATE);
    }
}
