package org.gatehouse.protocol.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.protocol.entity.OAuthError;

/**
 * Protocol errors are returned, not thrown; what is thrown is a bug or an outage. It is logged with an
 * incident id and answered as {@code server_error}, with nothing of its details in the response.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof WebApplicationException web) {
            return web.getResponse(); // JAX-RS's own answers: 404, 405, 406, …
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, exception);
        return OAuthResponses.error(OAuthError.serverError("unexpected error; incident " + incident));
    }
}
