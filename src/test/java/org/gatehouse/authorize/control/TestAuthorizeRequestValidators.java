package org.gatehouse.authorize.control;

import java.util.List;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.par.control.PushedRequests;

/** Authorization request validators for tests of other packages, over {@link AuthorizeRequestValidatorTest}'s catalog. */
public final class TestAuthorizeRequestValidators {

    private TestAuthorizeRequestValidators() {
    }

    /** A validator of {@code clients}, resolving pushed requests with {@code pushed}. */
    public static AuthorizeRequestValidator of(List<Client> clients, PushedRequests pushed) {
        var validator = AuthorizeRequestValidatorTest.validator(clients);
        validator.pushed = pushed;
        return validator;
    }
}
