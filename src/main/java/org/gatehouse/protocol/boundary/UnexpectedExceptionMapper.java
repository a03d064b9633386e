package org.gatehouse.protocol.boundary;

import static org.gatehouse.protocol.entity.ErrorCode.SERVER_ERROR;
import static org.gatehouse.protocol.entity.ErrorCode.TEMPORARILY_UNAVAILABLE;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.protocol.entity.OAuthError;

/**
 * Protocol errors are returned, not thrown; what is thrown is a bug or an outage. An unreachable
 * database is answered 503 {@code temporarily_unavailable} with {@code Retry-After} (the pool reconnects
 * by itself); anything else is logged with an incident id and answered {@code server_error}. Neither
 * response carries any detail of the failure.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        return respond(exception);
    }

    static Response respond(Exception exception) {
        if (exception instanceof WebApplicationException web) {
            return web.getResponse(); // JAX-RS's own answers: 404, 405, 406, …
        }
        if (isDatabaseFailure(exception)) {
            LOG.warning("Database unavailable: " + exception);
            return Response.fromResponse(OAuthResponses.error(new OAuthError(TEMPORARILY_UNAVAILABLE, "the database is unavailable; retry shortly"))).header("Retry-After", "5").build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, exception);
        return OAuthResponses.error(new OAuthError(SERVER_ERROR, "unexpected error; incident " + incident));
    }

    /** JDBC and JPA failures, however the transaction and CDI layers wrapped them. */
    private static boolean isDatabaseFailure(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }
}
