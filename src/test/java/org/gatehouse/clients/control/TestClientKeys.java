package org.gatehouse.clients.control;

/** {@link ClientKeys} for tests of other packages. */
public final class TestClientKeys {

    private TestClientKeys() {
    }

    /** Keys whose shared secrets are read from {@code referenced}. */
    public static ClientKeys of(ReferencedSecrets referenced) {
        var keys = new ClientKeys();
        keys.referenced = referenced;
        return keys;
    }
}
