package dev.parley.negotiation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;

import dev.parley.party.Party;

/** A negotiation between parties, such as the 2021–2022 exchange on security guarantees. */
@Entity
public class Negotiation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String slug;

    @Column(nullable = false)
    public String title;

    public String summary;

    @Column(name = "started_on", nullable = false)
    public LocalDate startedOn;

    @Column(name = "ended_on")
    public LocalDate endedOn;

    @ManyToMany
    @JoinTable(name = "negotiation_participant", joinColumns = @JoinColumn(name = "negotiation_id"), inverseJoinColumns = @JoinColumn(name = "party_id"))
    @OrderColumn(name = "ordinal")
    public List<Party> participants = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean involves(Party party) {
        return participants.stream().anyMatch(p -> p.id.equals(party.id));
    }
}
