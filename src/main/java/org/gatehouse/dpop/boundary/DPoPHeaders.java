package org.gatehouse.dpop.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.gatehouse.dpop.control.DPoPNonces;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;

/** The HTTP side of DPoP (RFC 9449): the proof's header, the nonces handed out, a resource's challenge. */
@ApplicationScoped
public class DPoPHeaders {

    /** §4.1. */
    public static final String PROOF = "DPoP";

    /** §8.1. */
    public static final String NONCE = "DPoP-Nonce";

    @Inject
    DPoPNonces nonces;

    @Inject
    DPoPOptions options;

    /** §8, §9: a {@code use_dpop_nonce} refusal carries the nonce to retry with. */
    public Response withNonce(Response response, OAuthError error) {
        return error.error() == ErrorCode.USE_DPOP_NONCE
                ? Response.fromResponse(response).header(NONCE, nonces.issue()).build()
                : response;
    }

    /**
     * §8.2, §9: a successful answer to a request with a DPoP proof hands out a fresh nonce, "a more efficient manner
     * of supplying a new nonce value": a client held to nonces then never needs a refusal to learn the next one.
     */
    public Response withFreshNonce(Response response) {
        return Response.fromResponse(response).header(NONCE, nonces.issue()).build();
    }

    /** §7.1: a resource's {@code WWW-Authenticate} challenge for the DPoP scheme, with the error if there is one. */
    public String challenge(OAuthError error) {
        String algs = "DPoP algs=\"" + String.join(" ", options.supportedSigningAlgorithms()) + "\"";
        return error == null ? algs : algs + ", error=\"" + error.code() + "\", error_description=\"" + error.description() + "\"";
    }
}
