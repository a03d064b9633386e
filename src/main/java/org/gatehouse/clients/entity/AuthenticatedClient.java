package org.gatehouse.clients.entity;

/** A client that passed authentication at the token endpoint, and how (RFC 7591 §2 method names). */
public record AuthenticatedClient(Client client, String method) {

    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String NONE = "none";

    /** Proved possession of a credential, as RFC 6749 §2.1 defines a confidential client. */
    public boolean isConfidential() {
        return !NONE.equals(method);
    }
}
