package org.gatehouse.launcher.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.pages.entity.Application;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.sessions.boundary.SessionCookie;
import org.gatehouse.sessions.control.SessionStore;

/**
 * Gatehouse's root page, an application launcher: each client with an {@code InitiateLoginUri} is a link to it with
 * {@code iss} (OIDC Core §4, third-party-initiated login), from which the application starts its own authorization
 * request, so a signed-in user goes straight in. Without a session the same links are how to sign in.
 */
@Path("")
public class LauncherResource {

    @Inject
    ClientStore clients;

    @Inject
    SessionStore sessions;

    @Inject
    IssuerResolver issuers;

    @Inject
    Pages pages;

    @Inject
    Features features;

    @GET
    public Response launcher(@Context UriInfo uri, @Context HttpHeaders headers) {
        String issuer = issuers.issuer(uri.getBaseUri());
        var applications = clients.launchable().stream().map(client -> {
            String login = client.authorize().initiateLoginUri();
            return new Application(client.displayName(), login + (login.contains("?") ? "&" : "?") + "iss=" + Form.encode(issuer));
        }).toList();
        boolean signedIn = sessions.find(SessionCookie.handle(headers.getCookies())).isPresent();
        return pages.launcher(uri.getBaseUri().getPath(), applications, signedIn, features.isOn(Feature.END_SESSION));
    }
}
