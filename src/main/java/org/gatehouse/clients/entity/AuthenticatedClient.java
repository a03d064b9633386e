package org.gatehouse.clients.entity;

/** A client that passed authentication at a back-channel endpoint, and the {@link Credentials} method it used. */
public record AuthenticatedClient(Client client, String method) {

    /** Proved possession of a credential, as RFC 6749 §2.1 defines a confidential client. */
    public boolean isConfidential() {
        return !Credentials.NONE.equals(method);
    }
}
