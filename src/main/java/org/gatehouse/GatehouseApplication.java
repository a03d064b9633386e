package org.gatehouse;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Gatehouse's endpoints sit at the context root, at Duende's paths ({@code /connect/token}, …). */
@ApplicationPath("/")
public class GatehouseApplication extends Application {
}
