package dev.parley.demand;

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
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import dev.parley.citation.Citation;
import dev.parley.event.NegotiationEvent;

/** One recorded stance in a position's append-only history; never edited. */
@Entity
@Table(name = "position_change")
public class PositionChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "position_id", updatable = false)
    public Position position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public PositionStatus status;

    @Column(name = "effective_on", nullable = false, updatable = false)
    public LocalDate effectiveOn;

    @Column(updatable = false)
    public String note;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    public String recordedBy;

    /** The round the stance came from. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "event_id", updatable = false)
    public NegotiationEvent event;

    /** For COUNTER_PROPOSED: the demand it answers with. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "counter_id", updatable = false)
    public Demand counter;

    /** For CONDITIONALLY_ACCEPTED: the demands whose meeting it waits for. */
    @ManyToMany
    @JoinTable(name = "position_change_condition", joinColumns = @JoinColumn(name = "change_id"), inverseJoinColumns = @JoinColumn(name = "demand_id"))
    @OrderColumn(name = "ordinal")
    public List<Demand> conditions = new ArrayList<>();

    /** The evidence, each citation with what it does for this stance. */
    @ElementCollection
    @CollectionTable(name = "position_change_citation", joinColumns = @JoinColumn(name = "change_id"))
    @OrderColumn(name = "ordinal")
    public List<Cited> cited = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public StanceBasis basis;

    @Enumerated(EnumType.STRING)
    @Column(name = "effective_on_precision", nullable = false, updatable = false)
    public DayPrecision effectiveOnPrecision = DayPrecision.DAY;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_kind", nullable = false, updatable = false)
    public ChangeKind changeKind = ChangeKind.STANCE;

    /** For a CORRECTION or RETRACTION: the change it replaces or removes. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "corrects_id", updatable = false)
    public PositionChange corrects;

    @Column(updatable = false)
    public String reason;

    /** The evidence flags of this stance, comma-framed; fixed when it is recorded (see {@link Explanations}). */
    @Column(nullable = false, updatable = false)
    public String flags = "";

    /** What a change records besides its evidence and terms. */
    record Recording(PositionStatus status, LocalDate effectiveOn, String note, StanceBasis basis,
            DayPrecision precision, ChangeKind kind, PositionChange corrects, String reason) {

        /** The stance a party opens with on the day its demand is tabled. */
        static Recording opening(PositionStatus status, LocalDate tabledOn) {
            return new Recording(status, tabledOn, null, null, DayPrecision.DAY, ChangeKind.STANCE, null, null);
        }
    }

    /** What a stance answers with and where it came from, resolved. */
    record Terms(List<Demand> conditions, Demand counter, NegotiationEvent event) {

        static final Terms NONE = new Terms(List.of(), null, null);
    }

    /**
     * A new change of {@code position}, not yet persisted: the one place a change is made, so its
     * evidence flags always follow from what it records.
     */
    static PositionChange of(Position position, Recording recording, List<Cited> evidence, Terms terms,
            Instant recordedAt, String recordedBy) {
        PositionChange change = new PositionChange();
        change.conditions.addAll(terms.conditions());
        change.counter = terms.counter();
        change.event = terms.event();
        change.position = position;
        change.status = recording.status();
        change.effectiveOn = recording.effectiveOn();
        change.note = recording.note();
        change.basis = recording.basis();
        change.effectiveOnPrecision = recording.precision();
        change.changeKind = recording.kind();
        change.corrects = recording.corrects();
        change.reason = recording.reason();
        change.cited.addAll(evidence);
        change.flags = Explanations.flagsOf(recording.kind(), recording.basis(), recording.precision(), evidence);
        change.recordedAt = recordedAt;
        change.recordedBy = recordedBy;
        return change;
    }

    /** The citations alone, in order. */
    public List<Citation> citations() {
        return cited.stream().map(c -> c.citation).toList();
    }
}
