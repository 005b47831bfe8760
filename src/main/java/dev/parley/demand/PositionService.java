package dev.parley.demand;

import java.time.Clock;
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
import dev.parley.citation.CitationRequest;
import dev.parley.citation.CitationService;
import dev.parley.citation.CitationView;
import dev.parley.common.ApiException;
import dev.parley.common.Caller;
import dev.parley.common.Clocks;
import dev.parley.common.Conflict;
import dev.parley.common.Dates;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.demand.PositionChange.Recording;
import dev.parley.demand.PositionChange.Terms;
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

    private final Clock clock;

    PositionService(DemandService demands, PositionRepository positions, CitationService citations,
            EventService events, ChangeLog changes, Caller caller, Clock clock) {
        this.clock = clock;
        this.demands = demands;
        this.events = events;
        this.positions = positions;
        this.citations = citations;
        this.changes = changes;
        this.caller = caller;
    }

    /** Every involved party's stance on the demand at {@code at}: see {@link ReadAt}. */
    public List<PositionView> current(String demandSlug, ReadAt at) {
        Demand demand = demands.require(demandSlug);
        requireRecorded(demand, at);
        return views(positions.ofDemand(demand), demand, at);
    }

    public PositionView current(String demandSlug, String partySlug, ReadAt at) {
        Demand demand = demands.require(demandSlug);
        requireRecorded(demand, at);
        return views(List.of(require(demand, partySlug)), demand, at).get(0);
    }

    /** The stance each position shows at {@code at}; now, the one the position keeps current. */
    private List<PositionView> views(List<Position> all, Demand demand, ReadAt at) {
        Map<Long, Long> shown = new HashMap<>();
        if (at.now()) {
            all.stream().filter(p -> p.currentChangeId != null).forEach(p -> shown.put(p.id, p.currentChangeId));
        } else {
            // Oldest first per position: the last one wins.
            positions.stancesAt(demand, at).forEach(row -> shown.put(row.position(), row.change()));
        }
        Map<Long, PositionChange> changesById = new HashMap<>();
        positions.changesWithCitations(shown.values()).forEach(c -> changesById.put(c.id, c));
        List<PositionView> views = new ArrayList<>();
        for (Position position : all) {
            PositionChange change = changesById.get(shown.get(position.id));
            views.add(change != null ? PositionView.of(position, change)
                    : at.now() ? PositionView.unrecorded(position) : PositionView.unrecordedThen(position));
        }
        return views;
    }

    /** A demand Parley had not recorded by {@code at.asRecorded()} is not found at that moment. */
    private static void requireRecorded(Demand demand, ReadAt at) {
        if (at.asRecorded() != null && demand.createdAt.isAfter(at.asRecorded())) {
            throw new NotFound("demand", demand.slug);
        }
    }

    /**
     * The history newest first, every recorded change (corrected ones too, with the change that
     * corrected them), as it stood at {@code at}.
     */
    public Page<PositionView> history(String demandSlug, String partySlug, ReadAt at, PageRequest page) {
        Demand demand = demands.require(demandSlug);
        requireRecorded(demand, at);
        Position position = require(demand, partySlug);
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
        List<PositionChange> rows = positions.history(position, at, afterDay, afterId, page.fetchSize());
        Map<Long, Long> correctedBy = positions.correctors(rows.stream().map(c -> c.id).toList(), at.asRecorded());
        return page.page(rows, c -> c.effectiveOn + "|" + c.id)
                .map(c -> PositionView.inHistory(position, c, correctedBy.get(c.id)));
    }

    /** Which party holds a position on which demand of the negotiation, and in what role. */
    public List<Involvement> involvements(Negotiation negotiation) {
        return positions.involvements(negotiation);
    }

    /**
     * Every stance recorded in the negotiation, in the order they took effect, as reads saw them at
     * {@code asRecorded} (transaction time; now when null): see {@link ReadAt}.
     */
    public List<TrackedStance> tracked(Negotiation negotiation, Instant asRecorded) {
        return positions.tracked(negotiation, asRecorded, null, null, 0);
    }

    /** A keyset page of the same: the first {@code limit} after ({@code afterDay}, {@code afterId}), if given. */
    public List<TrackedStance> tracked(Negotiation negotiation, Instant asRecorded, LocalDate afterDay, Long afterId,
            int limit) {
        return positions.tracked(negotiation, asRecorded, afterDay, afterId, limit);
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
                evidence.put(change.id, change.cited.stream().map(c -> CitationView.from(c.citation, c.relation))
                        .toList());
                counts.put(change.id, change.cited.size());
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

    /**
     * Appends a stance and makes it current unless a stance already holds from a later day; or
     * appends a correction or retraction and shows what reads see after it.
     */
    @Transactional
    public PositionView record(String demandSlug, String partySlug, StanceRequest stance) {
        return record(demands.require(demandSlug), partySlug, stance);
    }

    /**
     * Records each stance in order, as {@link #record(String, String, StanceRequest)} does, all in one
     * transaction: the first item at fault undoes the batch, and its error points into it.
     */
    @Transactional
    public List<PositionView> recordAll(List<StanceBatchRequest.Item> items) {
        List<PositionView> recorded = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            StanceBatchRequest.Item item = items.get(i);
            String at = "/stances/" + i;
            Demand demand = demands.find(item.demand())
                    .orElseThrow(() -> new InvalidRequest(at + "/demand", "no demand with slug '" + item.demand() + "'"));
            try {
                recorded.add(record(demand, item.party(), item.stance()));
                // Written and let go: otherwise every query of the next items dirty-checks all the
                // entities the batch has touched so far, a cost that grows with the square of its size.
                positions.flush();
                positions.clear();
            } catch (NotFound e) {
                throw new InvalidRequest(at + "/party", "party '" + item.party()
                        + "' is neither the proposer nor an addressee of '" + item.demand() + "'");
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.code(), e.title(), at + ": " + e.getMessage(),
                        e.errors().isEmpty() ? List.of(new FieldError(at, e.getMessage()))
                                : e.errors().stream().map(f -> new FieldError(at + f.pointer(), f.message())).toList());
            }
        }
        return recorded;
    }

    private PositionView record(Demand demand, String partySlug, StanceRequest stance) {
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
        if (stance.kind() != ChangeKind.RETRACTION && stance.status().needsCitation()
                && stance.newCitations().isEmpty() && stance.existingCitations().isEmpty() && stance.links().isEmpty()) {
            errors.add(new FieldError("/citations", "at least one citation (new, or existing in citation_ids or"
                    + " citation_links) is required for status " + stance.status()));
        }
        PositionChange corrected = corrected(position, stance.kind(), stance.corrects(), stance.reason(),
                stance.status(), stance.effectiveOn(), "", errors);
        Terms terms = terms(demand, stance.status(), stance.conditionSlugs(), stance.counter(), stance.eventId(), "",
                errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        List<Cited> evidence = new ArrayList<>(linked(stance.links(), ""));
        List<CitationRequest> inline = stance.newCitations();
        List<Citation> attached = citations.attach(inline, stance.existingCitations());
        for (int i = 0; i < attached.size(); i++) {
            Citation citation = attached.get(i);
            evidence.add(i, new Cited(citation, i < inline.size() ? inline.get(i).relation() : citation.relation));
        }
        PositionChange change = append(position, new Recording(stance.status(), stance.effectiveOn(), stance.note(),
                stance.basis(), stance.precision(), stance.kind(), corrected, stance.reason()), evidence,
                Clocks.now(clock), caller.name(), terms);
        published(demand, position, change);
        if (demands.refreshStatus(demand, involved)) {
            demandUpdated(demand);
        }
        demands.refreshPackagesOf(demand);
        return current(position, change);
    }

    /** The feed entry of a change: position.changed for a stance, position.corrected for the others. */
    private void published(Demand demand, Position position, PositionChange change) {
        PositionView view = PositionView.of(position, change);
        // The stance first, then the demand status it moved: readers of the feed see cause before effect.
        changes.record(change.changeKind == ChangeKind.STANCE
                ? DemandChanges.positionChanged(demand, position.party.slug, view)
                : DemandChanges.positionCorrected(demand, position.party.slug, view));
    }

    /** What reads show for the position after {@code change} was appended. */
    private PositionView current(Position position, PositionChange change) {
        if (position.currentChangeId == null) {
            return PositionView.unrecorded(position);
        }
        return PositionView.of(position, position.currentChangeId.equals(change.id) ? change
                : positions.changes(List.of(position.currentChangeId)).get(0));
    }

    /**
     * The change a CORRECTION or RETRACTION names, checked: a stance of the same position that
     * reads still show; a retraction repeats its status and day. Null for a plain STANCE, which
     * names none. 409 ALREADY_CORRECTED when another correction got there first.
     */
    private PositionChange corrected(Position position, ChangeKind kind, Long corrects, String reason,
            PositionStatus status, LocalDate effectiveOn, String pointer, List<FieldError> errors) {
        if (!kind.corrects()) {
            if (corrects != null) {
                errors.add(new FieldError(pointer + "/corrects", "only a CORRECTION or RETRACTION names corrects"));
            }
            if (reason != null) {
                errors.add(new FieldError(pointer + "/reason", "only a CORRECTION or RETRACTION gives a reason"));
            }
            return null;
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError(pointer + "/reason", "a " + kind + " needs a reason"));
        }
        if (corrects == null) {
            errors.add(new FieldError(pointer + "/corrects", "a " + kind + " names the change_id it corrects"));
            return null;
        }
        PositionChange target = positions.changes(List.of(corrects)).stream()
                .filter(c -> c.position.id.equals(position.id)).findFirst().orElse(null);
        if (target == null) {
            errors.add(new FieldError(pointer + "/corrects", "no change " + corrects + " in this position's history"));
            return null;
        }
        if (target.changeKind == ChangeKind.RETRACTION) {
            errors.add(new FieldError(pointer + "/corrects", "is a retraction, which nothing reads; record a stance"));
            return null;
        }
        if (kind == ChangeKind.RETRACTION
                && (target.status != status || !target.effectiveOn.equals(effectiveOn))) {
            errors.add(new FieldError(pointer + "/status", "a RETRACTION repeats the status and effective_on of the"
                    + " stance it retracts (" + target.status + ", " + target.effectiveOn + ")"));
        }
        if (errors.isEmpty() && !positions.correctors(List.of(corrects), null).isEmpty()) {
            throw new Conflict("ALREADY_CORRECTED", "Change " + corrects + " was already corrected or retracted;"
                    + " correct the change that replaced it instead.");
        }
        return target;
    }

    /** Existing citations with the relation this stance gives them. */
    private List<Cited> linked(List<StanceRequest.CitationLink> links, String pointer) {
        List<Citation> found;
        try {
            found = citations.attach(List.of(), links.stream().map(StanceRequest.CitationLink::citationId).toList());
        } catch (InvalidRequest e) {
            throw new InvalidRequest(e.errors().stream().map(f -> new FieldError(
                    pointer + f.pointer().replaceFirst("^/citation_ids/(\\d+)$", "/citation_links/$1/citation_id"),
                    f.message())).toList());
        }
        List<Cited> cited = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            cited.add(new Cited(found.get(i), links.get(i).relation()));
        }
        return cited;
    }

    /**
     * Restores a bundle's history for one party, appending only the stances not already there (the
     * same status, day and recording time). Citations must exist already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int restore(Demand demand, String partySlug, List<? extends RecordedStance> history, String pointer) {
        Position position = positions.find(demand, partySlug).orElseThrow(() -> new InvalidRequest(pointer + "/party",
                "party '" + partySlug + "' is neither the proposer nor an addressee of '" + demand.slug + "'"));
        List<PositionChange> existing = positions.allHistory(position);
        // The change each entry of the bundle's history is, held or appended: what corrects indexes.
        List<PositionChange> resolved = new ArrayList<>();
        int added = 0;
        for (int i = 0; i < history.size(); i++) {
            RecordedStance stance = history.get(i);
            String at = pointer + "/history/" + i;
            if (!stance.status().allowedFor(position.role)) {
                throw new InvalidRequest(at + "/status",
                        "a " + position.role.name().toLowerCase() + " may not be " + stance.status());
            }
            PositionChange known = existing.stream().filter(c -> c.status == stance.status()
                    && c.changeKind == stance.kind() && c.effectiveOn.equals(stance.effectiveOn())
                    && c.recordedAt.equals(stance.recordedAt())).findFirst().orElse(null);
            if (known != null) {
                resolved.add(known);
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            Long corrects = null;
            if (stance.corrects() != null) {
                if (stance.corrects() < 0 || stance.corrects() >= i) {
                    throw new InvalidRequest(at + "/corrects", "must be the index of an earlier entry of this history");
                }
                corrects = resolved.get(stance.corrects()).id;
            }
            PositionChange corrected = corrected(position, stance.kind(), corrects, stance.reason(), stance.status(),
                    stance.effectiveOn(), at, errors);
            Terms terms = terms(demand, stance.status(), stance.conditionSlugs(), stance.counter(), stance.eventId(), at,
                    errors);
            if (!errors.isEmpty()) {
                throw new InvalidRequest(errors);
            }
            List<Cited> evidence = new ArrayList<>();
            try {
                citations.attach(List.of(), stance.citationIds()).forEach(c -> evidence.add(new Cited(c, c.relation)));
            } catch (InvalidRequest e) {
                throw new InvalidRequest(e.errors().stream()
                        .map(f -> new FieldError(at + f.pointer(), f.message())).toList());
            }
            evidence.addAll(linked(stance.links(), at));
            PositionChange change = append(position, new Recording(stance.status(), stance.effectiveOn(),
                    stance.note(), stance.basis(), stance.precision(), stance.kind(), corrected, stance.reason()),
                    evidence, stance.recordedAt(), stance.recordedBy(), terms);
            published(demand, position, change);
            resolved.add(change);
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

    /**
     * Appends a change; a stance becomes current unless one holds from a later day, and after a
     * correction or retraction the position shows what reads still see.
     */
    private PositionChange append(Position position, Recording recording, List<Cited> evidence, Instant recordedAt,
            String recordedBy, Terms terms) {
        PositionChange change = PositionChange.of(position, recording, evidence, terms, recordedAt, recordedBy);
        positions.persist(change);
        if (recording.kind() == ChangeKind.STANCE) {
            position.record(change);
        } else {
            positions.flush();
            position.recompute(positions.liveHistory(position));
        }
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
}
