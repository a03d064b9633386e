package org.gatehouse.resources.control;

import org.gatehouse.resources.entity.Resources;

/** Resource-backed beans for tests of other packages, whose injected fields are package-private here. */
public final class TestResourceStores {

    private TestResourceStores() {
    }

    /** A store serving a fixed catalog. */
    public static ResourceStore of(Resources catalog) {
        return new ResourceStore() {
            @Override
            public Resources resources() {
                return catalog;
            }
        };
    }

    /** A scope validator over a fixed catalog. */
    public static ScopeValidator scopeValidator(Resources catalog) {
        var validator = new ScopeValidator();
        validator.store = of(catalog);
        return validator;
    }
}
