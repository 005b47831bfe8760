package dev.parley.demand;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.ApiException;
import dev.parley.common.Caller;
import dev.parley.common.Clocks;
import dev.parley.common.Conflict;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeLog;
import dev.parley.negotiation.InvolvedParties;
import dev.parley.negotiation.Negotiation;
import dev.parley.negotiation.NegotiationService;
import dev.parley.party.Party;
import dev.parley.party.PartyService;

/** Demands: their lifecycle, their positions' creation and their derived status. */
@ApplicationScoped
public class DemandService implements InvolvedParties {

    private final DemandRepository demands;
    private final PositionRepository positions;
    private final LinkRepository links;
    private final NegotiationService negotiations;
    private final PartyService parties;
    private final ChangeLog changes;
    private final Caller caller;

    private final Clock clock;

    DemandService(DemandRepository demands, PositionRepository positions, LinkRepository links,
            NegotiationService negotiations, PartyService parties, ChangeLog changes, Caller caller, Clock clock) {
        this.clock = clock;
        this.demands = demands;
        this.positions = positions;
        this.links = links;
        this.negotiations = negotiations;
        this.parties = parties;
        this.changes = changes;
        this.caller = caller;
    }

    public Demand require(String slug) {
        return demands.findBySlug(slug).orElseThrow(() -> new NotFound("demand", slug));
    }

    public Optional<Demand> find(String slug) {
        return demands.findBySlug(slug);
    }

    public Page<Demand> list(DemandFilter filter, PageRequest page) {
        return page.page(demands.page(filter, page.after(), page.fetchSize()), d -> d.slug);
    }

    public List<Demand> all() {
        return demands.all();
    }

    /** A negotiation's demands by slug. */
    public List<Demand> ofNegotiation(Negotiation negotiation) {
        return demands.inNegotiation(negotiation, null);
    }

    @Override
    public List<Party> involvedParties(Negotiation negotiation) {
        return demands.involvedParties(negotiation);
    }

    @Transactional
    public Demand create(DemandRequest request) {
        return create(request, Set.of());
    }

    @Transactional
    public Demand update(String slug, UnaryOperator<DemandRequest> edit) {
        Demand demand = require(slug);
        DemandRequest current = DemandRequest.of(demand);
        DemandRequest request = edit.apply(current);
        List<FieldError> immutable = new ArrayList<>();
        if (!current.slug().equals(request.slug())) {
            immutable.add(new FieldError("/slug", "is immutable"));
        }
        if (!current.negotiation().equals(request.negotiation())) {
            immutable.add(new FieldError("/negotiation", "is immutable"));
        }
        if (!current.proposer().equals(request.proposer())) {
            immutable.add(new FieldError("/proposer", "is immutable"));
        }
        if (!immutable.isEmpty()) {
            throw new InvalidRequest(immutable);
        }
        Roles roles = checkRoles(demand.negotiation, demand.proposer, request);
        checkKind(request);
        if (demand.kind == DemandKind.PACKAGE && request.kind() != DemandKind.PACKAGE
                && !links.members(demand).isEmpty()) {
            throw new Conflict("PACKAGE_HAS_MEMBERS", "Demand '" + slug
                    + "' has members linked to it as PART_OF and must stay a PACKAGE; delete those links first.");
        }
        changes.updating(DemandChanges.updated(demand));
        DemandRevision revision = null;
        if (!demand.title.equals(request.title()) || !demand.text.equals(request.text())) {
            revision = new DemandRevision();
            revision.demand = demand;
            revision.title = demand.title;
            revision.text = demand.text;
            revision.changedAt = Clocks.now(clock);
            revision.changedBy = caller.name();
            revision.changeSummary = request.changeSummary();
            demands.persist(revision);
        }
        apply(demand, request);
        updateRoles(demand, roles);
        refreshStatus(demand);
        changes.record(DemandChanges.updated(demand));
        if (revision != null) {
            changes.record(DemandChanges.revised(demand, revision));
        }
        refreshPackagesOf(demand);
        return demand;
    }

    /** The wordings a demand had before, newest first. */
    public Page<RevisionView> revisions(String slug, PageRequest page) {
        Demand demand = require(slug);
        Long before = null;
        if (page.after() != null) {
            try {
                before = Long.valueOf(page.after());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token",
                        "page_token is not a token this service issued.",
                        List.of(new FieldError("page_token", "is not a token this service issued")));
            }
        }
        return page.page(demands.revisions(demand, before, page.fetchSize()), r -> String.valueOf(r.id))
                .map(RevisionView::from);
    }

    /** Restores a bundle's revision unless the demand holds one replaced at the same instant; answers true when new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean restoreRevision(String slug, String title, String text, java.time.Instant changedAt,
            String changedBy, String changeSummary) {
        Demand demand = demands.findBySlug(slug)
                .orElseThrow(() -> new InvalidRequest("/demand", "no demand with slug '" + slug + "'"));
        if (demands.revisions(demand, null, Integer.MAX_VALUE).stream().anyMatch(r -> r.changedAt.equals(changedAt))) {
            return false;
        }
        DemandRevision revision = new DemandRevision();
        revision.demand = demand;
        revision.title = title;
        revision.text = text;
        revision.changedAt = changedAt;
        revision.changedBy = changedBy;
        revision.changeSummary = changeSummary;
        demands.persist(revision);
        changes.record(DemandChanges.revised(demand, revision));
        return true;
    }

    public List<DemandRevision> allRevisions() {
        return demands.allRevisions();
    }

    @Transactional
    public void delete(String slug) {
        Demand demand = require(slug);
        List<Demand> packages = links.packagesOf(demand);
        // Links go with the demand: the demands on their other ends show them no more.
        List<DemandLink> gone = links.touching(List.of(demand));
        Change deleted = DemandChanges.deleted(demand, gone);
        for (DemandLink link : gone) {
            Demand other = link.demand == demand ? link.target : link.demand;
            other.links.remove(link);
            other.linkedFrom.remove(link);
            links.delete(link);
        }
        demands.delete(demand);
        changes.record(deleted);
        for (Demand pkg : packages) {
            if (refreshStatus(pkg)) {
                changes.record(DemandChanges.updated(pkg));
            }
            refreshPackagesOf(pkg);
        }
    }

    /**
     * Upserts from an imported bundle. A new demand gets the opening stances only for parties whose
     * history the bundle leaves out. Answers true when the demand was new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(DemandRequest request, Set<String> partiesWithHistory) {
        Optional<Demand> existing = demands.findBySlug(request.slug());
        if (existing.isEmpty()) {
            create(request, partiesWithHistory);
            return true;
        }
        if (!DemandRequest.of(existing.get()).equals(request)) {
            update(request.slug(), current -> request);
        }
        return false;
    }

    /** Re-derives the demand's status from its current positions; answers whether it moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean refreshStatus(Demand demand) {
        return refreshStatus(demand, positions.ofDemand(demand));
    }

    /**
     * The same, from all the demand's positions as this transaction already holds them; a package's
     * also from its members' statuses and their addressees' stances. Answers whether the status or
     * the parties partial on the package moved.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean refreshStatus(Demand demand, List<Position> involved) {
        Derived derived = derive(demand, involved);
        String explanation = Explanations.store(derived.explain());
        if (derived.status() == demand.status && Objects.equals(derived.partialColumn(), demand.partialOnPackage)
                && explanation.equals(demand.explanation)) {
            return false;
        }
        // The caller records the update when this answers true; its before is the view from here.
        changes.updating(DemandChanges.updated(demand));
        DemandStatus before = demand.status;
        demand.status = derived.status();
        demand.partialOnPackage = derived.partialColumn();
        demand.flags = derived.flagsColumn();
        demand.explanation = explanation;
        demand.updatedAt = Clocks.now(clock);
        if (before != demand.status) {
            // Subscribers follow transitions without diffing demand.updated: "what moved" in one event,
            // for a package moved by a member as well.
            changes.record(DemandChanges.statusChanged(demand, before));
        }
        return true;
    }

    private Derived derive(Demand demand, List<Position> involved) {
        Stances own = new Stances();
        involved.forEach(own::add);
        List<Derived.Member> members = new ArrayList<>();
        if (demand.kind == DemandKind.PACKAGE) {
            List<Demand> parts = links.members(demand);
            Map<Long, Stances> stancesOf = new HashMap<>();
            for (Position position : positions.ofDemands(parts)) {
                stancesOf.computeIfAbsent(position.demand.id, id -> new Stances()).add(position);
            }
            parts.forEach(m -> members.add(new Derived.Member(m.status, stancesOf.getOrDefault(m.id, new Stances()))));
        }
        return Derived.of(demand, own, members);
    }

    /**
     * Re-derives every package the demand is PART_OF, and theirs in turn, recording those that moved:
     * a member's change is a change of the package.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void refreshPackagesOf(Demand member) {
        refreshPackagesOf(member, new HashSet<>());
    }

    private void refreshPackagesOf(Demand member, Set<Long> seen) {
        for (Demand pkg : links.packagesOf(member)) {
            if (!seen.add(pkg.id)) {
                continue;
            }
            if (refreshStatus(pkg)) {
                changes.record(DemandChanges.updated(pkg));
            }
            refreshPackagesOf(pkg, seen);
        }
    }

    /** Positions in the order the API lists them: proposer, co-proposers, addressees, concerned; then as added. */
    static List<Position> byRole(List<Position> positions) {
        List<Position> sorted = new ArrayList<>(positions);
        sorted.sort(java.util.Comparator.comparing((Position p) -> p.role).thenComparing(p -> p.id));
        return sorted;
    }

    private Demand create(DemandRequest request, Set<String> withoutOpeningStance) {
        if (demands.findBySlug(request.slug()).isPresent()) {
            throw new Conflict("SLUG_TAKEN", "A demand with slug '" + request.slug() + "' exists.");
        }
        Negotiation negotiation = negotiations.find(request.negotiation())
                .orElseThrow(() -> new InvalidRequest("/negotiation",
                        "no negotiation with slug '" + request.negotiation() + "'"));
        Party proposer = parties.find(request.proposer())
                .orElseThrow(() -> new InvalidRequest("/proposer", "no party with slug '" + request.proposer() + "'"));
        if (!negotiation.involves(proposer)) {
            throw new InvalidRequest("/proposer", "is not a participant of negotiation '" + negotiation.slug + "'");
        }
        Roles roles = checkRoles(negotiation, proposer, request);
        checkKind(request);

        Demand demand = new Demand();
        demand.slug = request.slug();
        demand.negotiation = negotiation;
        demand.proposer = proposer;
        demand.createdAt = Clocks.now(clock);
        demand.addressees.addAll(roles.addressees());
        demand.coProposers.addAll(roles.coProposers());
        demand.concerned.addAll(roles.concerned());
        demand.status = DemandStatus.PENDING;
        apply(demand, request);
        demands.persist(demand);

        open(demand, proposer, PositionRole.PROPOSER, withoutOpeningStance);
        for (Party party : roles.coProposers()) {
            open(demand, party, PositionRole.CO_PROPOSER, withoutOpeningStance);
        }
        for (Party addressee : roles.addressees()) {
            open(demand, addressee, PositionRole.ADDRESSEE, withoutOpeningStance);
        }
        for (Party party : roles.concerned()) {
            open(demand, party, PositionRole.CONCERNED, withoutOpeningStance);
        }
        // A new demand has no status to move from: demand.created carries it.
        Derived derived = derive(demand, positions.ofDemand(demand));
        demand.status = derived.status();
        demand.partialOnPackage = derived.partialColumn();
        demand.flags = derived.flagsColumn();
        demand.explanation = Explanations.store(derived.explain());
        changes.record(DemandChanges.created(demand));
        return demand;
    }

    /**
     * Creates a party's position, with its opening stance on the day the demand was tabled: TABLED
     * for those who propose it, UNASSESSED for the others.
     */
    private Position open(Demand demand, Party party, PositionRole role, Set<String> withoutOpeningStance) {
        Position position = new Position();
        position.demand = demand;
        position.party = party;
        position.role = role;
        position.status = PositionStatus.UNASSESSED;
        position.effectiveOn = demand.tabledOn;
        positions.persist(position);
        if (!withoutOpeningStance.contains(party.slug)) {
            PositionChange change = PositionChange.of(position, PositionChange.Recording.opening(
                    role.proposing() ? PositionStatus.TABLED : PositionStatus.UNASSESSED, demand.tabledOn), List.of(),
                    PositionChange.Terms.NONE, Clocks.now(clock), caller.name());
            positions.persist(change);
            position.record(change);
        }
        return position;
    }

    /** The parties of a demand besides its proposer, by role, resolved and checked. */
    private record Roles(List<Party> coProposers, List<Party> addressees, List<Party> concerned) {

        PositionRole roleOf(Party party) {
            if (coProposers.stream().anyMatch(p -> p.id.equals(party.id))) {
                return PositionRole.CO_PROPOSER;
            }
            if (addressees.stream().anyMatch(p -> p.id.equals(party.id))) {
                return PositionRole.ADDRESSEE;
            }
            return concerned.stream().anyMatch(p -> p.id.equals(party.id)) ? PositionRole.CONCERNED : null;
        }
    }

    /**
     * Each party holds one role: not listed twice, never the proposer. Co-proposers and addressees
     * take part in the negotiation; concerned parties need not.
     */
    private Roles checkRoles(Negotiation negotiation, Party proposer, DemandRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        seen.put(proposer.slug, "the proposer");
        checkDistinct("/co_proposers", "a co-proposer", request.coProposers(), seen, errors);
        checkDistinct("/addressees", "an addressee", request.addressees(), seen, errors);
        checkDistinct("/concerned", "concerned", request.concerned(), seen, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        List<Party> coProposers = parties.resolve(request.coProposers(), "/co_proposers");
        List<Party> addressees = parties.resolve(request.addressees(), "/addressees");
        List<Party> concerned = parties.resolve(request.concerned(), "/concerned");
        checkParticipants(negotiation, "/co_proposers", coProposers, errors);
        checkParticipants(negotiation, "/addressees", addressees, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new Roles(coProposers, addressees, concerned);
    }

    private static void checkDistinct(String pointer, String role, List<String> slugs, Map<String, String> seen,
            List<FieldError> errors) {
        for (int i = 0; i < slugs.size(); i++) {
            String earlier = seen.putIfAbsent(slugs.get(i), role);
            if (earlier != null) {
                errors.add(new FieldError(pointer + "/" + i,
                        earlier.equals(role) ? "is listed twice" : "is " + earlier));
            }
        }
    }

    private static void checkParticipants(Negotiation negotiation, String pointer, List<Party> resolved,
            List<FieldError> errors) {
        for (int i = 0; i < resolved.size(); i++) {
            if (!negotiation.involves(resolved.get(i))) {
                errors.add(new FieldError(pointer + "/" + i,
                        "is not a participant of negotiation '" + negotiation.slug + "'"));
            }
        }
    }

    private static void checkKind(DemandRequest request) {
        if (request.inseparable() && request.kind() != DemandKind.PACKAGE) {
            throw new InvalidRequest("/inseparable", "only a PACKAGE can be inseparable");
        }
    }

    /**
     * Brings the positions in line with the roles: a party that left loses its position unless it has
     * recorded stances (409), a party that moved keeps its history if that suits the new role (409
     * otherwise), a new party gets its opening stance.
     */
    private void updateRoles(Demand demand, Roles wanted) {
        Set<Long> current = new HashSet<>();
        for (Position position : positions.ofDemand(demand)) {
            if (position.role == PositionRole.PROPOSER) {
                continue;
            }
            current.add(position.party.id);
            PositionRole role = wanted.roleOf(position.party);
            if (role == null) {
                if (positions.allHistory(position).size() > 1) {
                    throw position.role == PositionRole.ADDRESSEE
                            ? new Conflict("ADDRESSEE_HAS_STANCES", "Party '" + position.party.slug
                                    + "' has recorded stances on this demand and cannot be removed as an addressee.")
                            : new Conflict("PARTY_HAS_STANCES", "Party '" + position.party.slug
                                    + "' has recorded stances on this demand and cannot be removed from it.");
                }
                positions.delete(position);
            } else if (role != position.role) {
                for (PositionChange change : positions.allHistory(position)) {
                    boolean opening = change.status == (position.role.proposing() ? PositionStatus.TABLED
                            : PositionStatus.UNASSESSED);
                    if (!opening && !change.status.allowedFor(role)) {
                        throw new Conflict("ROLE_HAS_STANCES", "Party '" + position.party.slug + "' has a "
                                + change.status + " stance on this demand, which a " + role.name().toLowerCase()
                                + " may not hold.");
                    }
                }
                position.role = role;
            }
        }
        for (PositionRole role : List.of(PositionRole.CO_PROPOSER, PositionRole.ADDRESSEE, PositionRole.CONCERNED)) {
            List<Party> parties = switch (role) {
                case CO_PROPOSER -> wanted.coProposers();
                case ADDRESSEE -> wanted.addressees();
                default -> wanted.concerned();
            };
            for (Party party : parties) {
                if (!current.contains(party.id)) {
                    open(demand, party, role, Set.of());
                }
            }
        }
        // A new list makes Hibernate delete and rewrite the rows; editing the list in place updates
        // them by ordinal, which breaks the one-row-per-party key when two parties swap places.
        if (!demand.addressees.equals(wanted.addressees())) {
            demand.addressees = new ArrayList<>(wanted.addressees());
        }
        if (!demand.coProposers.equals(wanted.coProposers())) {
            demand.coProposers = new ArrayList<>(wanted.coProposers());
        }
        if (!demand.concerned.equals(wanted.concerned())) {
            demand.concerned = new ArrayList<>(wanted.concerned());
        }
    }

    private void apply(Demand demand, DemandRequest request) {
        demand.title = request.title();
        demand.text = request.text();
        demand.topic = request.topic();
        demand.kind = request.kind();
        demand.tabledOn = request.tabledOn();
        demand.inseparable = request.inseparable();
        demand.updatedAt = Clocks.now(clock);
    }
}
