package org.gatehouse.pages.entity;

/** A scope as the consent page lists it; a {@code required} one cannot be unchecked. */
public record ScopeChoice(String name, String displayName, String description, boolean required, boolean emphasize) {
}
