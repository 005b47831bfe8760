package dev.parley.demand;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import dev.parley.citation.Citation;
import dev.parley.citation.CitationRelation;

/** A citation as one stance uses it: the same words may support one stance and be context for another. */
@Embeddable
public class Cited {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "citation_id", nullable = false, updatable = false)
    public Citation citation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public CitationRelation relation;

    protected Cited() {
    }

    Cited(Citation citation, CitationRelation relation) {
        this.citation = citation;
        this.relation = relation;
    }
}
