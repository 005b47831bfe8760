package dev.parley.demand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
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

/** A typed relation from one demand to another of the same negotiation, with its evidence. */
@Entity
@Table(name = "demand_link")
public class DemandLink {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "demand_id", updatable = false)
    public Demand demand;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "target_id", updatable = false)
    public Demand target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public LinkType type;

    @Column(updatable = false)
    public String note;

    @ManyToMany
    @JoinTable(name = "demand_link_citation", joinColumns = @JoinColumn(name = "link_id"), inverseJoinColumns = @JoinColumn(name = "citation_id"))
    @OrderColumn(name = "ordinal")
    public List<Citation> citations = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
