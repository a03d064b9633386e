package org.gatehouse.clients.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.mtls.boundary.ClientCertificates;
import org.gatehouse.mtls.boundary.MutualTlsAliases;

/** Reads the {@link ClientChannel} of a request to one of the endpoints that authenticate clients. */
@ApplicationScoped
public class ClientChannels {

    @Inject
    IssuerResolver issuers;

    @Inject
    ClientCertificates certificates;

    /** @param endpoint the endpoint the request is for, one of the {@link org.gatehouse.protocol.entity.Endpoints} */
    public ClientChannel of(HttpServletRequest request, UriInfo uri, String endpoint) {
        var base = uri.getBaseUri();
        return new ClientChannel(request.getHeader(HttpHeaders.AUTHORIZATION), certificates.of(request),
                issuers.issuer(base), MutualTlsAliases.requested(request, issuers.endpoint(base, endpoint)));
    }
}
