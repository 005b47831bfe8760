package dev.parley.negotiation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.Clock;
import dev.parley.common.Conflict;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.demand.DemandService;
import dev.parley.demand.LinkService;
import dev.parley.demand.ReadAt;
import dev.parley.demand.Standing;
import dev.parley.demand.Standings;
import dev.parley.feed.ChangeLog;
import dev.parley.party.Party;
import dev.parley.party.PartyService;

/** Creates and changes negotiations and answers their position matrix. */
@ApplicationScoped
public class NegotiationService {

    private final NegotiationRepository negotiations;
    private final PartyService parties;
    private final DemandService demands;
    private final Standings standings;
    private final LinkService links;
    private final ChangeLog changes;

    NegotiationService(NegotiationRepository negotiations, PartyService parties, DemandService demands,
            Standings standings, LinkService links, ChangeLog changes) {
        this.negotiations = negotiations;
        this.standings = standings;
        this.parties = parties;
        this.demands = demands;
        this.links = links;
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
        negotiation.createdAt = Clock.now();
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

    /** The matrix; {@code byPackage} orders each package's members after it. */
    public MatrixView matrix(String slug, ReadAt at, boolean byPackage) {
        Negotiation negotiation = require(slug);
        List<Standing> standings = this.standings.of(negotiation, at);
        if (byPackage) {
            standings = byPackage(standings);
        }
        List<MatrixView.Row> rows = new ArrayList<>();
        for (Standing standing : standings) {
            Map<String, MatrixView.Cell> cells = new LinkedHashMap<>();
            standing.cells().forEach((party, cell) -> cells.put(party,
                    new MatrixView.Cell(cell.status(), cell.effectiveOn(), cell.citationCount(), cell.explain())));
            rows.add(new MatrixView.Row(new MatrixView.Demand(standing.slug(), standing.title(), standing.proposer(),
                    standing.status(), standing.kind(), standing.explain()), cells, standing.partOf()));
        }
        return new MatrixView(negotiation.slug, at.asOf(), negotiation.participants.stream().map(p -> p.slug).toList(),
                rows, byPackage ? "package" : null, at.asRecorded());
    }

    /** Top-level rows in slug order, each followed depth first by the rows PART_OF it. */
    private static List<Standing> byPackage(List<Standing> standings) {
        Map<String, List<Standing>> members = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        standings.forEach(s -> present.add(s.slug()));
        List<Standing> top = new ArrayList<>();
        for (Standing standing : standings) {
            if (standing.partOf() != null && present.contains(standing.partOf())) {
                members.computeIfAbsent(standing.partOf(), k -> new ArrayList<>()).add(standing);
            } else {
                top.add(standing);
            }
        }
        List<Standing> ordered = new ArrayList<>(standings.size());
        top.forEach(s -> appendWithMembers(s, members, ordered));
        return ordered;
    }

    private static void appendWithMembers(Standing standing, Map<String, List<Standing>> members,
            List<Standing> ordered) {
        ordered.add(standing);
        members.getOrDefault(standing.slug(), List.of()).forEach(m -> appendWithMembers(m, members, ordered));
    }

    /** Every demand of the negotiation as a node and every link between them as an edge. */
    public GraphView graph(String slug) {
        Negotiation negotiation = require(slug);
        List<GraphView.Node> nodes = demands.ofNegotiation(negotiation).stream().map(d -> new GraphView.Node(d.slug,
                d.title, d.kind, d.proposer.slug, d.coProposers.stream().map(p -> p.slug).toList(),
                d.addressees.stream().map(p -> p.slug).toList(), d.concerned.stream().map(p -> p.slug).toList(),
                d.status, d.inseparable, d.partialParties(), d.tabledOn, d.topic)).toList();
        List<GraphView.Edge> edges = links.inNegotiation(negotiation).stream()
                .map(l -> new GraphView.Edge(l.id, l.demand.slug, l.target.slug, l.type)).toList();
        return new GraphView(negotiation.slug, nodes, edges);
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
            for (Party involved : demands.involvedParties(negotiation)) {
                if (!kept.contains(involved.id)) {
                    throw new Conflict("PARTICIPANT_INVOLVED", "Party '" + involved.slug
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
        negotiation.updatedAt = Clock.now();
    }
}
