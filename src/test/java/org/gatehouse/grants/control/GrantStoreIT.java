package org.gatehouse.grants.control;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The grant store's contract on embedded H2. */
class GrantStoreIT extends GrantStoreContract {

    @Deployment
    static WebArchive gatehouse() {
        return withTests(GrantStoreIT.class);
    }
}
