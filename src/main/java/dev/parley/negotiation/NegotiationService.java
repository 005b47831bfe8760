package dev.parley.negotiation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.Clocks;
import dev.parley.common.Conflict;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.ChangeLog;
import dev.parley.party.Party;
import dev.parley.party.PartyService;

/** Creates and changes negotiations. */
@ApplicationScoped
public class NegotiationService {

    private final NegotiationRepository negotiations;
    private final PartyService parties;
    private final InvolvedParties involved;
    private final ChangeLog changes;

    private final Clock clock;

    NegotiationService(NegotiationRepository negotiations, PartyService parties, InvolvedParties involved,
            ChangeLog changes, Clock clock) {
        this.clock = clock;
        this.negotiations = negotiations;
        this.parties = parties;
        this.involved = involved;
        this.changes = changes;
    }

    public Negotiation require(String slug) {
        return negotiations.findBySlug(slug).orElseThrow(() -> new NotFound("negotiation", slug));
    }

    public Optional<Negotiation> find(String slug) {
        return negotiations.findBySlug(slug);
    }

    public Page<Negotiation> list(PageRequest page) {
        return page.page(negotiations.page(page.after(), page.fetchSize()), n -> n.slug);
    }

    public List<Negotiation> all() {
        return negotiations.all();
    }

    @Transactional
    public Negotiation create(NegotiationRequest request) {
        if (negotiations.findBySlug(request.slug()).isPresent()) {
            throw new Conflict("SLUG_TAKEN", "A negotiation with slug '" + request.slug() + "' exists.");
        }
        Negotiation negotiation = new Negotiation();
        negotiation.slug = request.slug();
        negotiation.createdAt = Clocks.now(clock);
        apply(negotiation, request);
        negotiations.persist(negotiation);
        changes.record(NegotiationChanges.created(negotiation));
        return negotiation;
    }

    @Transactional
    public Negotiation update(String slug, UnaryOperator<NegotiationRequest> edit) {
        Negotiation negotiation = require(slug);
        changes.updating(NegotiationChanges.updated(negotiation));
        NegotiationRequest request = edit.apply(NegotiationRequest.of(negotiation));
        if (!slug.equals(request.slug())) {
            throw new InvalidRequest("/slug", "is immutable");
        }
        apply(negotiation, request);
        changes.record(NegotiationChanges.updated(negotiation));
        return negotiation;
    }

    /** Upserts from an imported bundle; answers true when the negotiation was new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(NegotiationRequest request) {
        Optional<Negotiation> existing = negotiations.findBySlug(request.slug());
        if (existing.isEmpty()) {
            create(request);
            return true;
        }
        if (!NegotiationRequest.of(existing.get()).equals(request)) {
            update(request.slug(), current -> request);
        }
        return false;
    }

    private void apply(Negotiation negotiation, NegotiationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.endedOn() != null && request.endedOn().isBefore(request.startedOn())) {
            errors.add(new FieldError("/ended_on", "must not be before started_on"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.participants().size(); i++) {
            if (!seen.add(request.participants().get(i))) {
                errors.add(new FieldError("/participants/" + i, "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        List<Party> participants = parties.resolve(request.participants(), "/participants");
        if (negotiation.id != null) {
            Set<Long> kept = new HashSet<>();
            participants.forEach(p -> kept.add(p.id));
            for (Party party : involved.involvedParties(negotiation)) {
                if (!kept.contains(party.id)) {
                    throw new Conflict("PARTICIPANT_INVOLVED", "Party '" + party.slug
                            + "' proposes or is addressed by a demand of this negotiation and must stay a participant.");
                }
            }
        }
        negotiation.title = request.title();
        negotiation.summary = request.summary();
        negotiation.startedOn = request.startedOn();
        negotiation.endedOn = request.endedOn();
        if (!negotiation.participants.equals(participants)) {
            // A new list makes Hibernate rewrite the rows; editing in place updates them by ordinal,
            // which breaks the one-row-per-party key when two participants swap places.
            negotiation.participants = new ArrayList<>(participants);
        }
        negotiation.updatedAt = Clocks.now(clock);
    }
}
