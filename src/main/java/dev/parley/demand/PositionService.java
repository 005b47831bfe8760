package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.citation.Citation;
import dev.parley.citation.CitationService;
import dev.parley.citation.CitationView;
import dev.parley.common.ApiException;
import dev.parley.common.Caller;
import dev.parley.common.Clock;
import dev.parley.common.Dates;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.event.EventService;
import dev.parley.event.NegotiationEvent;
import dev.parley.feed.ChangeLog;
import dev.parley.negotiation.Negotiation;

/** Reads positions and records stances: each one appended to the history, with its evidence. */
@ApplicationScoped
public class PositionService {

    private final DemandService demands;
    private final PositionRepository positions;
    private final CitationService citations;
    private final EventService events;
    private final ChangeLog changes;
    private final Caller caller;

    PositionService(DemandService demands, PositionRepository positions, CitationService citations,
            EventService events, ChangeLog changes, Caller caller) {
        this.demands = demands;
        this.events = events;
        this.positions = positions;
        this.citations = citations;
        this.changes = changes;
        this.caller = caller;
    }

    public List<PositionView> current(String demandSlug) {
        List<Position> all = positions.ofDemand(demands.require(demandSlug));
        Map<Long, PositionChange> changesById = new HashMap<>();
        positions.changes(all.stream().map(p -> p.currentChangeId).filter(Objects::nonNull).toList())
                .forEach(c -> changesById.put(c.id, c));
        List<PositionView> views = new ArrayList<>();
        for (Position position : all) {
            views.add(view(position, changesById.get(position.currentChangeId)));
        }
        return views;
    }

    public PositionView current(String demandSlug, String partySlug) {
        Position position = require(demands.require(demandSlug), partySlug);
        PositionChange change = position.currentChangeId == null ? null
                : positions.changes(List.of(position.currentChangeId)).get(0);
        return view(position, change);
    }

    public Page<PositionView> history(String demandSlug, String partySlug, LocalDate asOf, PageRequest page) {
        Position position = require(demands.require(demandSlug), partySlug);
        LocalDate afterDay = null;
        Long afterId = null;
        if (page.after() != null) {
            String[] key = page.after().split("\\|");
            try {
                afterDay = LocalDate.parse(key[0]);
                if (!Dates.supported(afterDay)) {
                    throw new IllegalArgumentException("day out of range");
                }
                afterId = Long.valueOf(key[1]);
            } catch (RuntimeException e) {
                throw new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token",
                        "page_token is not a token this service issued.",
                        List.of(new FieldError("page_token", "is not a token this service issued")));
            }
        }
        List<PositionChange> rows = positions.history(position, asOf, afterDay, afterId, page.fetchSize());
        return page.page(rows, c -> c.effectiveOn + "|" + c.id).map(c -> PositionView.of(position, c));
    }

    /** Which party holds a position on which demand of the negotiation, and in what role. */
    public List<Involvement> involvements(Negotiation negotiation) {
        return positions.involvements(negotiation);
    }

    /** Every stance recorded in the negotiation, in the order they took effect. */
    public List<TrackedStance> tracked(Negotiation negotiation) {
        return positions.tracked(negotiation, null, null, 0);
    }

    /** A keyset page of the same: the first {@code limit} after ({@code afterDay}, {@code afterId}), if given. */
    public List<TrackedStance> tracked(Negotiation negotiation, LocalDate afterDay, Long afterId, int limit) {
        return positions.tracked(negotiation, afterDay, afterId, limit);
    }

    /**
     * The current stance of every involved party on each of the given demands, keyed by demand id,
     * for lists that embed them: a fixed number of statements whatever the page's size.
     */
    public Map<Long, List<DemandPositionView>> embedded(List<Demand> page, boolean withCitations) {
        List<Position> all = positions.ofDemandIds(page.stream().map(d -> d.id).toList());
        List<Long> current = all.stream().map(p -> p.currentChangeId).filter(Objects::nonNull).toList();
        Map<Long, List<CitationView>> evidence = new HashMap<>();
        Map<Long, Integer> counts = new HashMap<>();
        if (withCitations) {
            for (PositionChange change : positions.changesWithCitations(current)) {
                evidence.put(change.id, change.citations.stream().map(CitationView::from).toList());
                counts.put(change.id, change.citations.size());
            }
        } else {
            positions.citationCounts(current).forEach(row -> counts.put(row.change(), row.count().intValue()));
        }
        Map<Long, List<DemandPositionView>> byDemand = new HashMap<>();
        for (Position position : all) {
            Long change = position.currentChangeId;
            byDemand.computeIfAbsent(position.demand.id, id -> new ArrayList<>())
                    .add(new DemandPositionView(position.party.slug, position.role, position.status,
                            position.effectiveOn, change == null ? 0 : counts.getOrDefault(change, 0),
                            withCitations ? evidence.getOrDefault(change, List.of()) : null));
        }
        return byDemand;
    }

    /** Appends a stance and makes it current unless a stance already holds from a later day. */
    @Transactional
    public PositionView record(String demandSlug, String partySlug, StanceRequest stance) {
        Demand demand = demands.require(demandSlug);
        // Every position of the demand at once: the new demand status is derived from them below.
        List<Position> involved = positions.ofDemand(demand);
        Position position = involved.stream().filter(p -> p.party.slug.equals(partySlug)).findFirst()
                .orElseThrow(() -> noPosition(demand, partySlug));
        List<FieldError> errors = new ArrayList<>();
        if (!stance.status().allowedFor(position.role)) {
            errors.add(new FieldError("/status", "a " + position.role.name().toLowerCase() + " may be "
                    + PositionStatus.allowed(position.role) + ", not " + stance.status()));
        }
        if (stance.effectiveOn().isBefore(demand.tabledOn)) {
            errors.add(new FieldError("/effective_on", "must not be before the demand was tabled (" + demand.tabledOn
                    + ")"));
        }
        if (stance.status().needsCitation() && stance.newCitations().isEmpty()
                && stance.existingCitations().isEmpty()) {
            errors.add(new FieldError("/citations", "at least one citation (new, or existing in citation_ids) is"
                    + " required for status " + stance.status()));
        }
        Terms terms = terms(demand, stance.status(), stance.conditionSlugs(), stance.counter(), stance.eventId(), "",
                errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        List<Citation> evidence = citations.attach(stance.newCitations(), stance.existingCitations());
        PositionChange change = append(position, stance.status(), stance.effectiveOn(), stance.note(), evidence,
                Clock.now(), caller.name(), terms);
        // The stance first, then the demand status it moved: readers of the feed see cause before effect.
        changes.record(DemandChanges.positionChanged(demand, position.party.slug, PositionView.of(position, change)));
        if (demands.refreshStatus(demand, involved)) {
            demandUpdated(demand);
        }
        demands.refreshPackagesOf(demand);
        return view(position, position.currentChangeId.equals(change.id) ? change
                : positions.changes(List.of(position.currentChangeId)).get(0));
    }

    /**
     * Restores a bundle's history for one party, appending only the stances not already there (the
     * same status, day and recording time). Citations must exist already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int restore(Demand demand, String partySlug, List<RecordedStance> history, String pointer) {
        Position position = positions.find(demand, partySlug).orElseThrow(() -> new InvalidRequest(pointer + "/party",
                "party '" + partySlug + "' is neither the proposer nor an addressee of '" + demand.slug + "'"));
        List<PositionChange> existing = positions.allHistory(position);
        int added = 0;
        for (int i = 0; i < history.size(); i++) {
            RecordedStance stance = history.get(i);
            String at = pointer + "/history/" + i;
            if (!stance.status().allowedFor(position.role)) {
                throw new InvalidRequest(at + "/status",
                        "a " + position.role.name().toLowerCase() + " may not be " + stance.status());
            }
            boolean known = existing.stream().anyMatch(c -> c.status == stance.status()
                    && c.effectiveOn.equals(stance.effectiveOn()) && c.recordedAt.equals(stance.recordedAt()));
            if (known) {
                continue;
            }
            List<Citation> evidence;
            try {
                evidence = citations.attach(List.of(), stance.citationIds());
            } catch (InvalidRequest e) {
                throw new InvalidRequest(e.errors().stream()
                        .map(f -> new FieldError(at + f.pointer(), f.message())).toList());
            }
            List<FieldError> errors = new ArrayList<>();
            Terms terms = terms(demand, stance.status(), stance.conditions(), stance.counter(), stance.eventId(), at,
                    errors);
            if (!errors.isEmpty()) {
                throw new InvalidRequest(errors);
            }
            PositionChange change = append(position, stance.status(), stance.effectiveOn(), stance.note(), evidence,
                    stance.recordedAt(), stance.recordedBy(), terms);
            changes.record(DemandChanges.positionChanged(demand, partySlug, PositionView.of(position, change)));
            added++;
        }
        if (added > 0 && demands.refreshStatus(demand)) {
            demandUpdated(demand);
        }
        if (added > 0) {
            demands.refreshPackagesOf(demand);
        }
        return added;
    }

    /** What a stance answers with and where it came from, resolved. */
    private record Terms(List<Demand> conditions, Demand counter, NegotiationEvent event) {
    }

    /**
     * Conditions only for CONDITIONALLY_ACCEPTED and a counter only for COUNTER_PROPOSED, each a
     * demand of the same negotiation other than this one; the event one of the same negotiation.
     */
    private Terms terms(Demand demand, PositionStatus status, List<String> conditionSlugs, String counterSlug,
            String eventId, String pointer, List<FieldError> errors) {
        List<Demand> conditions = new ArrayList<>();
        if (!conditionSlugs.isEmpty() && status != PositionStatus.CONDITIONALLY_ACCEPTED) {
            errors.add(new FieldError(pointer + "/conditions", "only a CONDITIONALLY_ACCEPTED stance names conditions"));
        } else {
            for (int i = 0; i < conditionSlugs.size(); i++) {
                Demand condition = related(demand, conditionSlugs.get(i), pointer + "/conditions/" + i, errors);
                if (condition != null) {
                    conditions.add(condition);
                }
            }
        }
        Demand counter = null;
        if (counterSlug != null) {
            if (status != PositionStatus.COUNTER_PROPOSED) {
                errors.add(new FieldError(pointer + "/counter", "only a COUNTER_PROPOSED stance names a counter"));
            } else {
                counter = related(demand, counterSlug, pointer + "/counter", errors);
            }
        }
        NegotiationEvent event = null;
        if (eventId != null) {
            event = events.find(eventId).orElse(null);
            if (event == null) {
                errors.add(new FieldError(pointer + "/event_id", "no event with id '" + eventId + "'"));
            } else if (!event.negotiation.id.equals(demand.negotiation.id)) {
                errors.add(new FieldError(pointer + "/event_id", "is an event of another negotiation"));
            }
        }
        return new Terms(conditions, counter, event);
    }

    private Demand related(Demand demand, String slug, String pointer, List<FieldError> errors) {
        Demand other = demands.find(slug).orElse(null);
        if (other == null) {
            errors.add(new FieldError(pointer, "no demand with slug '" + slug + "'"));
        } else if (other.id.equals(demand.id)) {
            errors.add(new FieldError(pointer, "is the demand itself"));
        } else if (!other.negotiation.id.equals(demand.negotiation.id)) {
            errors.add(new FieldError(pointer, "belongs to another negotiation"));
        } else {
            return other;
        }
        return null;
    }

    private PositionChange append(Position position, PositionStatus status, LocalDate effectiveOn, String note,
            List<Citation> evidence, Instant recordedAt, String recordedBy, Terms terms) {
        PositionChange change = new PositionChange();
        change.conditions.addAll(terms.conditions());
        change.counter = terms.counter();
        change.event = terms.event();
        change.position = position;
        change.status = status;
        change.effectiveOn = effectiveOn;
        change.note = note;
        change.citations.addAll(evidence);
        change.recordedAt = recordedAt;
        change.recordedBy = recordedBy;
        positions.persist(change);
        position.record(change);
        return change;
    }

    private void demandUpdated(Demand demand) {
        changes.record(DemandChanges.updated(demand));
    }

    private Position require(Demand demand, String partySlug) {
        return positions.find(demand, partySlug).orElseThrow(() -> noPosition(demand, partySlug));
    }

    private static NotFound noPosition(Demand demand, String partySlug) {
        return new NotFound("position", demand.slug + "/" + partySlug);
    }

    private static PositionView view(Position position, PositionChange change) {
        if (change == null) {
            return new PositionView(position.demand.slug, position.party.slug, position.role, position.status,
                    position.effectiveOn, null, List.of(), null, null, null, null, null);
        }
        return PositionView.of(position, change);
    }
}
