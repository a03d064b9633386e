package org.gatehouse.grants.control;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The grant store's contract on PostgreSQL (arquillian.xml's gatehouse-postgresql, database "test" on
 * 127.0.0.1:5432): one-time use where rows are really locked by another server process.
 */
class GrantStoreOnPostgreSQLIT extends GrantStoreContract {

    @Deployment
    @TargetsContainer("gatehouse-postgresql")
    static WebArchive gatehouse() {
        return withTests(GrantStoreOnPostgreSQLIT.class);
    }
}
