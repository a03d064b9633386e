package org.gatehouse.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;

/**
 * A client or resource, stored as the Duende-shaped JSON it was validated from. Keeping the document
 * whole means one reader (and one set of rules) for configuration, the store and a future admin API,
 * and new Duende properties need no schema change. {@code fromConfiguration} marks the documents that
 * configuration owns: start-up replaces those and leaves the others alone.
 */
@Entity
@Table(name = "GH_CONFIGURATION_DOCUMENT")
@IdClass(ConfigurationDocument.Key.class)
public class ConfigurationDocument {

    public record Key(DocumentKind kind, String name) implements Serializable {
    }

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 30)
    private DocumentKind kind;

    @Id
    @Column(name = "NAME", length = 200)
    private String name;

    @Lob
    @Column(name = "DOCUMENT", nullable = false)
    private String document;

    @Column(name = "FROM_CONFIGURATION", nullable = false)
    private boolean fromConfiguration;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected ConfigurationDocument() {
    }

    public ConfigurationDocument(DocumentKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String document() {
        return document;
    }

    public boolean fromConfiguration() {
        return fromConfiguration;
    }

    /** Sets the content; returns whether anything changed. */
    public boolean update(String document, boolean fromConfiguration, long now) {
        if (document.equals(this.document) && fromConfiguration == this.fromConfiguration) {
            return false;
        }
        this.document = document;
        this.fromConfiguration = fromConfiguration;
        this.updatedAt = now;
        return true;
    }
}
