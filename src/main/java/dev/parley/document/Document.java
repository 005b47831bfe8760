package dev.parley.document;

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

import dev.parley.citation.Source;

/**
 * A document citations quote from: an article, a statement, a draft treaty. Its text, when Parley
 * may hold it, lives apart in {@link DocumentText}; the fingerprint and length stay here.
 */
@Entity
public class Document {

    @Id
    public String id;

    @Column(nullable = false)
    public String title;

    public String url;

    @Column(name = "archived_url")
    public String archivedUrl;

    /** The publisher. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "source_id")
    public Source source;

    @Column(name = "published_on")
    public LocalDate publishedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "published_on_precision", nullable = false)
    public PublishedPrecision publishedOnPrecision;

    @Column(name = "retrieved_at")
    public Instant retrievedAt;

    public String language;

    @Column(name = "text_held", nullable = false, updatable = false)
    public boolean textHeld;

    @Column(name = "text_sha256", updatable = false)
    public String textSha256;

    /** Code points of the text, when held. */
    @Column(name = "text_length", updatable = false)
    public Integer textLength;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
