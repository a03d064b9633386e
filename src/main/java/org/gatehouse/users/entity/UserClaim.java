package org.gatehouse.users.entity;

/**
 * A claim about a user. {@code valueType} is what Duende's {@code Claim.ValueType} holds: an XML Schema
 * URI ({@link #STRING} unless configured otherwise, {@code …#boolean}, {@code …#integer}), {@code "json"}
 * for a JSON value such as {@code address}, or {@code ""}.
 */
public record UserClaim(String type, String value, String valueType) {

    public static final String STRING = "http://www.w3.org/2001/XMLSchema#string";
}
