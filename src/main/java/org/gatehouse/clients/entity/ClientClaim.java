package org.gatehouse.clients.entity;

/** A claim put into the client's access tokens; {@code valueType} is a .NET {@code ClaimValueTypes} URI. */
public record ClientClaim(String type, String value, String valueType) {

    public static final String STRING = "http://www.w3.org/2001/XMLSchema#string";
}
