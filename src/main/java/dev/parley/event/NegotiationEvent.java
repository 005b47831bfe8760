package dev.parley.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import dev.parley.citation.Citation;
import dev.parley.negotiation.Negotiation;
import dev.parley.party.Party;

/** A dated step of a negotiation (a draft tabled, a written reply, a meeting) that stances can come from. */
@Entity
@Table(name = "negotiation_event")
public class NegotiationEvent {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "negotiation_id", updatable = false)
    public Negotiation negotiation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EventKind kind;

    @Column(name = "occurred_on", nullable = false)
    public LocalDate occurredOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "occurred_on_precision", nullable = false)
    public DatePrecision occurredOnPrecision;

    @Column(nullable = false)
    public String title;

    public String note;

    @ManyToMany
    @JoinTable(name = "negotiation_event_party", joinColumns = @JoinColumn(name = "event_id"), inverseJoinColumns = @JoinColumn(name = "party_id"))
    @OrderColumn(name = "ordinal")
    public List<Party> parties = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "negotiation_event_document", joinColumns = @JoinColumn(name = "event_id"))
    @OrderColumn(name = "ordinal")
    @Column(name = "document_id", nullable = false)
    public List<String> documentIds = new ArrayList<>();

    /** Citations that show the event happened as recorded. */
    @ManyToMany
    @JoinTable(name = "negotiation_event_citation", joinColumns = @JoinColumn(name = "event_id"), inverseJoinColumns = @JoinColumn(name = "citation_id"))
    @OrderColumn(name = "ordinal")
    public List<Citation> citations = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
