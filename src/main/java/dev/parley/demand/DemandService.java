package dev.parley.demand;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.Caller;
import dev.parley.common.Clock;
import dev.parley.common.Conflict;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeLog;
import dev.parley.negotiation.Negotiation;
import dev.parley.negotiation.NegotiationService;
import dev.parley.party.Party;
import dev.parley.party.PartyService;

/** Demands: their lifecycle, their positions' creation and their derived status. */
@ApplicationScoped
public class DemandService {

    private final DemandRepository demands;
    private final PositionRepository positions;
    private final NegotiationService negotiations;
    private final PartyService parties;
    private final ChangeLog changes;
    private final Caller caller;

    DemandService(DemandRepository demands, PositionRepository positions, NegotiationService negotiations,
            PartyService parties, ChangeLog changes, Caller caller) {
        this.demands = demands;
        this.positions = positions;
        this.negotiations = negotiations;
        this.parties = parties;
        this.changes = changes;
        this.caller = caller;
    }

    public Demand require(String slug) {
        return demands.findBySlug(slug).orElseThrow(() -> new NotFound("demand", slug));
    }

    public Page<Demand> list(DemandFilter filter, PageRequest page) {
        return page.page(demands.page(filter, page.after(), page.fetchSize()), d -> d.slug);
    }

    public List<Demand> all() {
        return demands.all();
    }

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
        List<Party> addressees = checkParties(demand.negotiation, demand.proposer, request.addressees());
        apply(demand, request);
        updateAddressees(demand, addressees);
        refreshStatus(demand);
        changes.record(DemandChanges.updated(demand));
        return demand;
    }

    @Transactional
    public void delete(String slug) {
        Demand demand = require(slug);
        Change deleted = DemandChanges.deleted(demand);
        demands.delete(demand);
        changes.record(deleted);
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

    /** Every demand of a negotiation with each involved party's stance, now or as of a day. */
    public List<Standing> standings(Negotiation negotiation, LocalDate asOf) {
        List<Demand> rows = demands.inNegotiation(negotiation, asOf);
        Map<Long, List<Position>> byDemand = new HashMap<>();
        for (Position position : positions.inNegotiation(negotiation)) {
            byDemand.computeIfAbsent(position.demand.id, id -> new ArrayList<>()).add(position);
        }
        Map<Long, Object[]> stanceOn = new HashMap<>();
        if (asOf != null) {
            // Rows come oldest first per position, so the last one written wins.
            positions.stancesUpTo(negotiation, asOf).forEach(row -> stanceOn.put((Long) row[0], row));
        }
        Map<Long, Integer> citationCounts = new HashMap<>();
        positions.citationCounts(negotiation, asOf)
                .forEach(row -> citationCounts.put((Long) row[0], ((Number) row[1]).intValue()));

        List<Standing> standings = new ArrayList<>(rows.size());
        for (Demand demand : rows) {
            Map<String, Standing.Cell> cells = new LinkedHashMap<>();
            PositionStatus proposerStatus = PositionStatus.UNASSESSED;
            List<PositionStatus> addresseeStatuses = new ArrayList<>();
            for (Position position : byDemand.getOrDefault(demand.id, List.of())) {
                Standing.Cell cell;
                if (asOf == null) {
                    cell = new Standing.Cell(position.status, position.effectiveOn,
                            citationCounts.getOrDefault(position.currentChangeId, 0));
                } else {
                    Object[] stance = stanceOn.get(position.id);
                    cell = stance == null ? new Standing.Cell(PositionStatus.UNASSESSED, null, 0)
                            : new Standing.Cell((PositionStatus) stance[2], (LocalDate) stance[3],
                                    citationCounts.getOrDefault((Long) stance[1], 0));
                }
                cells.put(position.party.slug, cell);
                if (position.role == PositionRole.PROPOSER) {
                    proposerStatus = cell.status();
                } else {
                    addresseeStatuses.add(cell.status());
                }
            }
            DemandStatus status = asOf == null ? demand.status : DemandStatus.derive(proposerStatus, addresseeStatuses);
            standings.add(new Standing(demand.slug, demand.title, demand.proposer.slug, status, cells));
        }
        return standings;
    }

    /** Re-derives the demand's status from its current positions; answers whether it moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean refreshStatus(Demand demand) {
        return refreshStatus(demand, positions.ofDemand(demand));
    }

    /** The same, from all the demand's positions as this transaction already holds them. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean refreshStatus(Demand demand, List<Position> involved) {
        PositionStatus proposer = PositionStatus.UNASSESSED;
        List<PositionStatus> addressees = new ArrayList<>();
        for (Position position : involved) {
            if (position.role == PositionRole.PROPOSER) {
                proposer = position.status;
            } else {
                addressees.add(position.status);
            }
        }
        DemandStatus status = DemandStatus.derive(proposer, addressees);
        if (status == demand.status) {
            return false;
        }
        demand.status = status;
        demand.updatedAt = Clock.now();
        return true;
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
        List<Party> addressees = checkParties(negotiation, proposer, request.addressees());

        Demand demand = new Demand();
        demand.slug = request.slug();
        demand.negotiation = negotiation;
        demand.proposer = proposer;
        demand.createdAt = Clock.now();
        demand.addressees.addAll(addressees);
        demand.status = DemandStatus.PENDING;
        apply(demand, request);
        demands.persist(demand);

        open(demand, proposer, PositionRole.PROPOSER, PositionStatus.TABLED, withoutOpeningStance);
        for (Party addressee : addressees) {
            open(demand, addressee, PositionRole.ADDRESSEE, PositionStatus.UNASSESSED, withoutOpeningStance);
        }
        refreshStatus(demand);
        changes.record(DemandChanges.created(demand));
        return demand;
    }

    /** Creates a party's position, with its opening stance on the day the demand was tabled. */
    private Position open(Demand demand, Party party, PositionRole role, PositionStatus opening,
            Set<String> withoutOpeningStance) {
        Position position = new Position();
        position.demand = demand;
        position.party = party;
        position.role = role;
        position.status = PositionStatus.UNASSESSED;
        position.effectiveOn = demand.tabledOn;
        positions.persist(position);
        if (!withoutOpeningStance.contains(party.slug)) {
            PositionChange change = new PositionChange();
            change.position = position;
            change.status = opening;
            change.effectiveOn = demand.tabledOn;
            change.recordedAt = Clock.now();
            change.recordedBy = caller.name();
            positions.persist(change);
            position.record(change);
        }
        return position;
    }

    private List<Party> checkParties(Negotiation negotiation, Party proposer, List<String> slugs) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < slugs.size(); i++) {
            if (!seen.add(slugs.get(i))) {
                errors.add(new FieldError("/addressees/" + i, "is listed twice"));
            } else if (slugs.get(i).equals(proposer.slug)) {
                errors.add(new FieldError("/addressees/" + i, "is the proposer"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        List<Party> resolved = parties.resolve(slugs, "/addressees");
        for (int i = 0; i < resolved.size(); i++) {
            if (!negotiation.involves(resolved.get(i))) {
                errors.add(new FieldError("/addressees/" + i,
                        "is not a participant of negotiation '" + negotiation.slug + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return resolved;
    }

    private void updateAddressees(Demand demand, List<Party> wanted) {
        Set<Long> wantedIds = new HashSet<>();
        wanted.forEach(p -> wantedIds.add(p.id));
        Set<Long> currentIds = new HashSet<>();
        for (Position position : positions.ofDemand(demand)) {
            if (position.role != PositionRole.ADDRESSEE) {
                continue;
            }
            currentIds.add(position.party.id);
            if (!wantedIds.contains(position.party.id)) {
                if (positions.allHistory(position).size() > 1) {
                    throw new Conflict("ADDRESSEE_HAS_STANCES", "Party '" + position.party.slug
                            + "' has recorded stances on this demand and cannot be removed as an addressee.");
                }
                positions.delete(position);
            }
        }
        for (Party party : wanted) {
            if (!currentIds.contains(party.id)) {
                open(demand, party, PositionRole.ADDRESSEE, PositionStatus.UNASSESSED, Set.of());
            }
        }
        if (!demand.addressees.equals(wanted)) {
            // A new list makes Hibernate delete and rewrite the rows; editing the list in place updates
            // them by ordinal, which breaks the one-row-per-party key when two addressees swap places.
            demand.addressees = new ArrayList<>(wanted);
        }
    }

    private static void apply(Demand demand, DemandRequest request) {
        demand.title = request.title();
        demand.text = request.text();
        demand.topic = request.topic();
        demand.kind = request.kind();
        demand.tabledOn = request.tabledOn();
        demand.updatedAt = Clock.now();
    }
}
