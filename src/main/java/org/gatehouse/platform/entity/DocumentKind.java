package org.gatehouse.platform.entity;

/** The kinds of Duende-shaped configuration documents Gatehouse stores. */
public enum DocumentKind {
    CLIENT,
    IDENTITY_RESOURCE,
    API_SCOPE,
    API_RESOURCE
}
