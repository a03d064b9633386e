package org.gatehouse.configuration.entity;

import jakarta.json.JsonValue;

/** A validated item from configuration, with the JSON it was read from and where that JSON is. */
public record Configured<T>(T value, JsonValue document, String source) {

    /** Without the document, which may hold a user's clear password. */
    @Override
    public String toString() {
        return "Configured[value=" + value + ", source=" + source + "]";
    }
}
