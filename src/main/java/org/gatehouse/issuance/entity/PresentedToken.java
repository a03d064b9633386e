package org.gatehouse.issuance.entity;

/** A token presented for introspection or revocation, and the authenticated {@code caller} presenting it. */
public record PresentedToken<C>(C caller, String token) {
}
