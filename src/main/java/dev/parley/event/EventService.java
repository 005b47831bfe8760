package dev.parley.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.citation.CitationService;
import dev.parley.common.ApiException;
import dev.parley.common.Clocks;
import dev.parley.common.Dates;
import dev.parley.common.FieldError;
import dev.parley.common.Ids;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.ChangeLog;
import dev.parley.negotiation.Negotiation;
import dev.parley.negotiation.NegotiationService;
import dev.parley.party.Party;
import dev.parley.party.PartyService;

/** The rounds of a negotiation: drafts tabled, written replies, notes, meetings. */
@ApplicationScoped
public class EventService {

    private final EventRepository events;
    private final NegotiationService negotiations;
    private final PartyService parties;
    private final CitationService citations;
    private final ChangeLog changes;

    private final Clock clock;

    EventService(EventRepository events, NegotiationService negotiations, PartyService parties,
            CitationService citations, ChangeLog changes, Clock clock) {
        this.clock = clock;
        this.citations = citations;
        this.events = events;
        this.negotiations = negotiations;
        this.parties = parties;
        this.changes = changes;
    }

    /** The event, which must belong to the negotiation named in the path. */
    public NegotiationEvent require(String negotiation, String id) {
        return events.find(id).filter(e -> e.negotiation.slug.equals(negotiation))
                .orElseThrow(() -> new NotFound("event", id));
    }

    public Optional<NegotiationEvent> find(String id) {
        return events.find(id);
    }

    public Page<NegotiationEvent> list(String negotiationSlug, PageRequest page) {
        Negotiation negotiation = negotiations.require(negotiationSlug);
        LocalDate afterDay = null;
        String afterId = null;
        if (page.after() != null) {
            int bar = page.after().indexOf('|');
            try {
                afterDay = LocalDate.parse(page.after().substring(0, bar));
                afterId = page.after().substring(bar + 1);
                if (!Dates.supported(afterDay)) {
                    throw new IllegalArgumentException("day out of range");
                }
            } catch (RuntimeException e) {
                throw new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token",
                        "page_token is not a token this service issued.",
                        List.of(new FieldError("page_token", "is not a token this service issued")));
            }
        }
        return page.page(events.page(negotiation, afterDay, afterId, page.fetchSize()), e -> e.occurredOn + "|" + e.id);
    }

    /** A negotiation's events in date order, then by id, for its timeline (see {@link EventRepository#timeline}). */
    public List<NegotiationEvent> timeline(Negotiation negotiation, Instant asRecorded, LocalDate afterDay,
            String afterId, int limit) {
        return events.timeline(negotiation, asRecorded, afterDay, afterId, limit);
    }

    public List<NegotiationEvent> all() {
        return events.all();
    }

    @Transactional
    public NegotiationEvent create(String negotiationSlug, EventRequest request) {
        return create(negotiations.require(negotiationSlug), Ids.next("evt"), request);
    }

    @Transactional
    public NegotiationEvent update(String negotiationSlug, String id, UnaryOperator<EventRequest> edit) {
        NegotiationEvent event = require(negotiationSlug, id);
        changes.updating(EventChanges.updated(event));
        apply(event, edit.apply(EventRequest.of(event)));
        changes.record(EventChanges.updated(event));
        return event;
    }

    /** Upserts from an imported bundle, keeping the bundle's id; answers true when the event was new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(String id, String negotiationSlug, EventRequest request, String pointer) {
        Optional<NegotiationEvent> existing = events.find(id);
        if (existing.isEmpty()) {
            Negotiation negotiation = negotiations.find(negotiationSlug).orElseThrow(() -> new InvalidRequest(
                    pointer + "/negotiation", "no negotiation with slug '" + negotiationSlug + "'"));
            create(negotiation, id, request);
            return true;
        }
        if (!existing.get().negotiation.slug.equals(negotiationSlug)) {
            throw new InvalidRequest(pointer + "/negotiation", "event '" + id + "' belongs to another negotiation");
        }
        if (!EventRequest.of(existing.get()).equals(request)) {
            update(negotiationSlug, id, current -> request);
        }
        return false;
    }

    private NegotiationEvent create(Negotiation negotiation, String id, EventRequest request) {
        NegotiationEvent event = new NegotiationEvent();
        event.id = id;
        event.negotiation = negotiation;
        event.createdAt = Clocks.now(clock);
        apply(event, request);
        events.persist(event);
        changes.record(EventChanges.created(event));
        return event;
    }

    private void apply(NegotiationEvent event, EventRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (!Dates.supported(request.occurredOn())) {
            errors.add(new FieldError("/occurred_on", "is out of the supported range"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.parties().size(); i++) {
            if (!seen.add(request.parties().get(i))) {
                errors.add(new FieldError("/parties/" + i, "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        // Any party may act in an event, not only participants: a concerned party's statement is one.
        List<Party> acting = parties.resolve(request.parties(), "/parties");
        event.kind = request.kind();
        event.occurredOn = request.occurredOn();
        event.occurredOnPrecision = request.occurredOnPrecision();
        event.title = request.title();
        event.note = request.note();
        if (!event.parties.equals(acting)) {
            event.parties = new ArrayList<>(acting);
        }
        List<String> cited = event.citations.stream().map(c -> c.id).toList();
        if (!cited.equals(request.citationIds())) {
            event.citations = new ArrayList<>(citations.attach(List.of(), request.citationIds()));
        }
        if (!event.documentIds.equals(request.documentIds())) {
            event.documentIds = new ArrayList<>(request.documentIds());
        }
        event.updatedAt = Clocks.now(clock);
    }
}
