package dev.parley.citation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** An outlet or issuer that citations come from, with its reliability. */
@Entity
public class Source {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SourceKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Reliability reliability;

    @Column(name = "reliability_note")
    public String reliabilityNote;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
