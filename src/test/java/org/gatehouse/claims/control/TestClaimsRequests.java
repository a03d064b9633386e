package org.gatehouse.claims.control;

import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.Resources;

/** A real {@link ClaimsRequests} for tests of other packages, whose injected fields are package-private here. */
public final class TestClaimsRequests {

    private TestClaimsRequests() {
    }

    public static ClaimsRequests of(Resources catalog) {
        var requests = new ClaimsRequests();
        requests.resources = TestResourceStores.of(catalog);
        return requests;
    }
}
