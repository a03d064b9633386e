package org.gatehouse.pages.entity;

/** An application on the launcher page: its name and where a click starts its sign-in. */
public record Application(String name, String initiateLoginUri) {
}
