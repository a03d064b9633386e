package org.gatehouse.authorize.entity;

/**
 * Where and how an authorization response (or error) goes: a redirect URI registered for {@code clientId}, in a
 * resolved response mode, with the request's {@code state} (null: none).
 */
public record Redirection(String redirectUri, ResponseMode mode, String state, String clientId) {
}
