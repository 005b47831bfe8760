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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
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

    /** Joint proposers beside {@link #proposer}, each holding a proposer's position. */
    @ManyToMany
    @JoinTable(name = "demand_co_proposer", joinColumns = @JoinColumn(name = "demand_id"), inverseJoinColumns = @JoinColumn(name = "party_id"))
    @OrderColumn(name = "ordinal")
    public List<Party> coProposers = new ArrayList<>();

    /** Parties the demand is about who need not answer; their stances never move the status. */
    @ManyToMany
    @JoinTable(name = "demand_concerned", joinColumns = @JoinColumn(name = "demand_id"), inverseJoinColumns = @JoinColumn(name = "party_id"))
    @OrderColumn(name = "ordinal")
    public List<Party> concerned = new ArrayList<>();

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

    /** For a package: refusing one member refuses the whole. */
    @Column(nullable = false)
    public boolean inseparable;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DemandStatus status;

    /** Derived with the status: comma-separated slugs of parties partial on this inseparable package. */
    @Column(name = "partial_on_package")
    public String partialOnPackage;

    /** Derived with the status: the flags of its explanation, comma-framed, for {@code /demands?flag=}. */
    @Column(nullable = false)
    public String flags = "";

    /** Derived with the status: why it is what it is (see {@link Explanations#store}); null until derived. */
    public String explanation;

    @OneToMany(mappedBy = "demand")
    @OrderBy("id")
    public List<DemandLink> links = new ArrayList<>();

    @OneToMany(mappedBy = "target")
    @OrderBy("id")
    public List<DemandLink> linkedFrom = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> partialParties() {
        return partialOnPackage == null || partialOnPackage.isEmpty() ? List.of()
                : List.of(partialOnPackage.split(","));
    }
}
