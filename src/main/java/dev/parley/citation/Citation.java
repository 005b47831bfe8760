package dev.parley.citation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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

    /** The document quoted from, by id: documents are their own feature, which citations do not depend on. */
    @Column(name = "document_id")
    public String documentId;

    @Column(name = "anchor_exact")
    public String anchorExact;

    @Column(name = "anchor_prefix")
    public String anchorPrefix;

    @Column(name = "anchor_suffix")
    public String anchorSuffix;

    @Column(name = "anchor_start")
    public Integer anchorStart;

    @Column(name = "anchor_end")
    public Integer anchorEnd;

    /** Relays between speaker and publisher, in order. */
    @Convert(converter = Relays.class)
    @Column(name = "via")
    public List<String> via = List.of();

    public String language;

    public Boolean translated;

    @Column(name = "original_quote")
    public String originalQuote;

    /** Admiralty information axis: 1 confirmed … 5 improbable, 6 cannot be judged. */
    public Integer credibility;

    /** The stored anchor, or null when the citation names no document. */
    public TextAnchor anchor() {
        return documentId == null ? null
                : new TextAnchor(anchorExact, anchorPrefix, anchorSuffix, anchorStart, anchorEnd);
    }
}
