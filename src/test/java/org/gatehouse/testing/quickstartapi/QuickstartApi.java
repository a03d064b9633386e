package org.gatehouse.testing.quickstartapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The quickstart's API as a Jakarta EE application: MicroProfile JWT trusting Gatehouse
 * ({@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.publickey.location}, set by arquillian.xml).
 * Application-scoped so that CDI sees it and MP JWT activates.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@ApplicationScoped
public class QuickstartApi extends Application {
}
