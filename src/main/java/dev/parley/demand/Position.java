package dev.parley.demand;

import java.time.LocalDate;
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
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import dev.parley.party.Party;

/**
 * One party's current stance on one demand. The stance itself is the latest-effective
 * {@link PositionChange}; status and effective_on are repeated here so lists and the matrix need
 * no scan of the history.
 */
@Entity
@Table(name = "demand_position")
public class Position {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "demand_id", updatable = false)
    public Demand demand;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "party_id", updatable = false)
    public Party party;

    /** Changes only when a PATCH moves the party to another role its whole history suits. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PositionRole role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PositionStatus status;

    @Column(name = "effective_on", nullable = false)
    public LocalDate effectiveOn;

    @Column(name = "current_change_id")
    public Long currentChangeId;

    /** The evidence flags of the current stance, comma-framed (see {@link Explanations}). */
    @Column(nullable = false)
    public String flags = "";

    /** Makes {@code change} current unless a stance already holds from a later day. */
    void record(PositionChange change) {
        if (currentChangeId == null || !change.effectiveOn.isBefore(effectiveOn)) {
            show(change);
        }
    }

    /**
     * After a correction or retraction: the current stance is the last of those reads still see
     * (oldest first); with none left, the position is as a new demand opens it, unassessed.
     */
    void recompute(List<PositionChange> live) {
        if (live.isEmpty()) {
            status = PositionStatus.UNASSESSED;
            effectiveOn = demand.tabledOn;
            currentChangeId = null;
            flags = "";
        } else {
            show(live.get(live.size() - 1));
        }
    }

    private void show(PositionChange change) {
        status = change.status;
        effectiveOn = change.effectiveOn;
        currentChangeId = change.id;
        flags = change.flags;
    }
}
