package org.gatehouse.authorize.entity;

/** Where and how an authorization response (or error) goes: a registered redirect URI, never another. */
public record Redirection(String redirectUri, ResponseMode mode, String state) {
}
