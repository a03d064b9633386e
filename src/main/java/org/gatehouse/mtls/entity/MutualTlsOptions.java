package org.gatehouse.mtls.entity;

/**
 * Duende's {@code MutualTlsOptions} ({@code IdentityServer:MutualTls}) and where the certificate comes from.
 *
 * @param domainName                   Duende's {@code DomainName}: where the endpoint aliases of RFC 8705 §5 are. Null:
 *                                     under the issuer at {@code connect/mtls/…}; without a dot: a subdomain of the
 *                                     issuer's host; with one: a host of its own (with a port if it has one)
 * @param alwaysEmitConfirmationClaim  Duende's {@code AlwaysEmitConfirmationClaim}: bind the access tokens of every
 *                                     client that presents a certificate, not only of those that authenticate with one
 * @param certificateHeader            the header in which a trusted proxy forwards the client's certificate (RFC 9440's
 *                                     {@code Client-Cert}, or nginx's URL-encoded PEM); null: no proxy forwards one
 */
public record MutualTlsOptions(String domainName, boolean alwaysEmitConfirmationClaim, String certificateHeader) {

    public static final MutualTlsOptions DEFAULTS = new MutualTlsOptions(null, false, null);
}
