package org.gatehouse.par.entity;

import org.gatehouse.protocol.entity.Form;

/**
 * An authorization request kept under a {@code request_uri}: {@code pushed} to {@code connect/par} by the client, or
 * (not pushed) a request object the authorization endpoint verified, kept so that its pages carry only the handle;
 * {@code signed} when its parameters came from an object the client signed.
 */
public record StoredRequest(Form parameters, boolean pushed, boolean signed) {
}
