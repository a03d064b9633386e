package org.gatehouse.clients.control;

import java.util.Map;
import java.util.Optional;

/** {@link ReferencedSecrets} over a map of MicroProfile Config properties. */
public final class TestReferencedSecrets {

    private TestReferencedSecrets() {
    }

    public static ReferencedSecrets of(Map<String, String> properties) {
        var referenced = new ReferencedSecrets();
        referenced.properties = name -> Optional.ofNullable(properties.get(name));
        return referenced;
    }
}
