package dev.parley.citation;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** Words from a source, exactly as published, that a recorded stance rests on. */
@Entity
public class Citation {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public Source source;

    @Column(nullable = false)
    public String title;

    public String url;

    @Column(name = "published_on")
    public LocalDate publishedOn;

    @Column(nullable = false)
    public String quote;

    public String speaker;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CitationKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CitationRelation relation;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
