package org.gatehouse.logout.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A logout token still to be delivered to a client's {@code BackChannelLogoutUri}: the outbox row written in the
 * transaction that ends the session, so that a crash after the commit loses nothing. The token itself is minted at
 * each attempt (a fresh {@code exp}); {@code id} is its {@code jti}, the same in every attempt, so a receiver can
 * recognise a token it has already processed. Times are epoch milliseconds.
 */
@Entity
@Table(name = "GH_LOGOUT_NOTICE")
public class LogoutNotice {

    @Id
    @Column(name = "ID", length = 32)
    private String id;

    @Column(name = "CLIENT_ID", length = 200, nullable = false)
    private String clientId;

    /** The user's own subject identifier; the token carries the one its client sees (pairwise or not). */
    @Column(name = "SUBJECT_ID", length = 200, nullable = false)
    private String subjectId;

    @Column(name = "SESSION_ID", length = 100)
    private String sessionId;

    @Column(name = "ISSUER", length = 2000, nullable = false)
    private String issuer;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** When the next attempt is due. */
    @Column(name = "DUE_AT", nullable = false)
    private long dueAt;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    /** Until when a node delivering it holds it; 0 when nobody does. */
    @Column(name = "CLAIMED_UNTIL", nullable = false)
    private long claimedUntil;

    protected LogoutNotice() {
    }

    public LogoutNotice(String id, String clientId, String subjectId, String sessionId, String issuer, long createdAt) {
        this.id = id;
        this.clientId = clientId;
        this.subjectId = subjectId;
        this.sessionId = sessionId;
        this.issuer = issuer;
        this.createdAt = createdAt;
        this.dueAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    public String subjectId() {
        return subjectId;
    }

    public String sessionId() {
        return sessionId;
    }

    public String issuer() {
        return issuer;
    }

    public long createdAt() {
        return createdAt;
    }

    public int attempts() {
        return attempts;
    }
}
