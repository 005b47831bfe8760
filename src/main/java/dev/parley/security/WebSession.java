package dev.parley.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A browser signed in with an API key; the cookie holds a token whose SHA-256 is the id. */
@Entity
@Table(name = "web_session")
public class WebSession {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "api_key_id", nullable = false, updatable = false)
    public ApiKey key;

    @Column(name = "csrf_token", nullable = false, updatable = false)
    public String csrfToken;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
