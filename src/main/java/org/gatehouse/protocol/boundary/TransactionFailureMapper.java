package org.gatehouse.protocol.boundary;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A write that fails at commit (the database went away) arrives as a {@link TransactionalException}, for
 * which Jersey has a mapper of its own that rethrows it into an HTML 500. This one is more specific than
 * {@link UnexpectedExceptionMapper} and ranks first, so the answer is the same JSON 503 or 500.
 */
@Provider
@Priority(Priorities.USER - 1000)
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    @Override
    public Response toResponse(TransactionalException exception) {
        return UnexpectedExceptionMapper.respond(exception);
    }
}
