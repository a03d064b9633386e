package org.gatehouse.users.entity;

public record UserClaim(String type, String value, String valueType) {
}
