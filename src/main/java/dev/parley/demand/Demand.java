package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;

import dev.parley.negotiation.Negotiation;
import dev.parley.party.Party;

/** What one party asks of (or offers to) others in a negotiation. */
@Entity
public class Demand {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String slug;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "negotiation_id", updatable = false)
    public Negotiation negotiation;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "proposer_id", updatable = false)
    public Party proposer;

    @ManyToMany
    @JoinTable(name = "demand_addressee", joinColumns = @JoinColumn(name = "demand_id"), inverseJoinColumns = @JoinColumn(name = "party_id"))
    @OrderColumn(name = "ordinal")
    public List<Party> addressees = new ArrayList<>();

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public String topic;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DemandKind kind;

    @Column(name = "tabled_on", nullable = false)
    public LocalDate tabledOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DemandStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
