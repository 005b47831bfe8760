package dev.parley.demand;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.citation.Citation;
import dev.parley.citation.CitationService;
import dev.parley.common.Caller;
import dev.parley.common.Clocks;
import dev.parley.common.Conflict;
import dev.parley.common.FieldError;
import dev.parley.common.Ids;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeLog;
import dev.parley.negotiation.Negotiation;

/** Links between demands: how they answer, restate, replace and make up one another. */
@ApplicationScoped
public class LinkService {

    private final DemandService demands;
    private final LinkRepository links;
    private final CitationService citations;
    private final ChangeLog changes;
    private final Caller caller;

    private final Clock clock;

    LinkService(DemandService demands, LinkRepository links, CitationService citations, ChangeLog changes,
            Caller caller, Clock clock) {
        this.clock = clock;
        this.demands = demands;
        this.links = links;
        this.citations = citations;
        this.changes = changes;
        this.caller = caller;
    }

    /** The links from a demand, oldest first. */
    public List<DemandLink> from(String slug) {
        return links.from(demands.require(slug));
    }

    /** The link, which must start from the demand named in the path. */
    public DemandLink require(String slug, String id) {
        return links.find(id).filter(l -> l.demand.slug.equals(slug)).orElseThrow(() -> new NotFound("link", id));
    }

    public List<DemandLink> all() {
        return links.all();
    }

    /** Every demand of the negotiation as a node and every link between them as an edge. */
    public GraphView graph(Negotiation negotiation) {
        List<GraphView.Node> nodes = demands.ofNegotiation(negotiation).stream().map(d -> new GraphView.Node(d.slug,
                d.title, d.kind, d.proposer.slug, d.coProposers.stream().map(p -> p.slug).toList(),
                d.addressees.stream().map(p -> p.slug).toList(), d.concerned.stream().map(p -> p.slug).toList(),
                d.status, d.inseparable, d.partialParties(), d.tabledOn, d.topic)).toList();
        List<GraphView.Edge> edges = links.inNegotiation(negotiation).stream()
                .map(l -> new GraphView.Edge(l.id, l.demand.slug, l.target.slug, l.type)).toList();
        return new GraphView(negotiation.slug, nodes, edges);
    }

    @Transactional
    public DemandLink create(String slug, LinkRequest request) {
        return create(demands.require(slug), Ids.next("lnk"), request, Clocks.now(clock), caller.name());
    }

    /**
     * Upserts from an imported bundle, keeping the bundle's id; a link is never changed once made.
     * Answers true when the link was new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(String id, String from, LinkRequest request, String pointer) {
        Optional<DemandLink> existing = links.find(id);
        if (existing.isPresent()) {
            DemandLink link = existing.get();
            if (!link.demand.slug.equals(from) || !link.target.slug.equals(request.target())
                    || link.type != request.type()) {
                throw new InvalidRequest(pointer + "/id", "link '" + id + "' exists with another demand, target or type");
            }
            return false;
        }
        Demand demand = demands.find(from)
                .orElseThrow(() -> new InvalidRequest(pointer + "/demand", "no demand with slug '" + from + "'"));
        create(demand, id, request, Clocks.now(clock), caller.name());
        return true;
    }

    @Transactional
    public void delete(String slug, String id) {
        DemandLink link = require(slug, id);
        Change deleted = DemandChanges.linkDeleted(link);
        Demand from = link.demand;
        Demand target = link.target;
        from.links.remove(link);
        target.linkedFrom.remove(link);
        links.delete(link);
        changes.record(deleted);
        if (link.type == LinkType.PART_OF) {
            settle(target);
        }
    }

    private DemandLink create(Demand demand, String id, LinkRequest request, Instant at, String by) {
        Demand target = demands.find(request.target())
                .orElseThrow(() -> new InvalidRequest("/target", "no demand with slug '" + request.target() + "'"));
        List<FieldError> errors = new ArrayList<>();
        if (target.id.equals(demand.id)) {
            errors.add(new FieldError("/target", "is the demand itself"));
        } else if (!target.negotiation.id.equals(demand.negotiation.id)) {
            errors.add(new FieldError("/target", "belongs to another negotiation"));
        } else if (request.type() == LinkType.PART_OF && target.kind != DemandKind.PACKAGE) {
            errors.add(new FieldError("/target", "is not a PACKAGE, so nothing can be PART_OF it"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        if (request.type().acyclic()) {
            // Checked under the negotiation's lock against what is committed: two writers each adding
            // one half of a cycle pass here one after the other, and the second sees the first's link.
            links.lock(demand.negotiation);
            if (reaches(demand.negotiation, request.type(), target.id, demand.id)) {
                throw new Conflict("LINK_CYCLE", "A " + request.type() + " link from '" + demand.slug + "' to '"
                        + target.slug + "' would close a cycle: '" + target.slug + "' already leads back to '"
                        + demand.slug + "' through " + request.type() + " links.");
            }
        }
        if (demand.links.stream().anyMatch(l -> l.target.id.equals(target.id) && l.type == request.type())) {
            throw new Conflict("LINK_EXISTS", "'" + demand.slug + "' is already " + request.type() + " '"
                    + target.slug + "'.");
        }
        List<Citation> evidence = citations.attach(List.of(), request.citationIds());
        DemandLink link = new DemandLink();
        link.id = id;
        link.demand = demand;
        link.target = target;
        link.type = request.type();
        link.note = request.note();
        link.citations.addAll(evidence);
        link.createdAt = at;
        link.createdBy = by;
        links.persist(link);
        demand.links.add(link);
        target.linkedFrom.add(link);
        changes.record(DemandChanges.linkCreated(link));
        if (link.type == LinkType.PART_OF) {
            settle(target);
        }
        return link;
    }

    /** A package gained or lost a member: its status, and its own packages', may move. */
    private void settle(Demand pkg) {
        if (demands.refreshStatus(pkg)) {
            changes.record(DemandChanges.updated(pkg));
        }
        demands.refreshPackagesOf(pkg);
    }

    /** Whether {@code start} leads to {@code goal} through links of the type, as the database holds them. */
    private boolean reaches(Negotiation negotiation, LinkType type, Long start, Long goal) {
        Map<Long, List<Long>> next = new HashMap<>();
        for (LinkRepository.Edge edge : links.edges(negotiation, type)) {
            next.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge.to());
        }
        Set<Long> seen = new HashSet<>();
        Deque<Long> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            Long at = queue.poll();
            if (at.equals(goal)) {
                return true;
            }
            if (seen.add(at)) {
                queue.addAll(next.getOrDefault(at, List.of()));
            }
        }
        return false;
    }
}
