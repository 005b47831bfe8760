package dev.parley.demand;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.negotiation.Negotiation;

/** The matrix: every demand of a negotiation with each involved party's stance at a moment. */
@ApplicationScoped
public class Standings {

    private final DemandRepository demands;
    private final PositionRepository positions;
    private final LinkRepository links;

    Standings(DemandRepository demands, PositionRepository positions, LinkRepository links) {
        this.demands = demands;
        this.positions = positions;
        this.links = links;
    }

    /**
     * Demands tabled by {@code at.asOf()} and recorded by {@code at.asRecorded()}, each with the stance
     * every involved party held then and the status those stances derive, explained; {@code byPackage}
     * orders each package's members after it.
     */
    public MatrixView matrix(Negotiation negotiation, ReadAt at, boolean byPackage) {
        List<Demand> rows = demands.inNegotiation(negotiation, at.asOf()).stream()
                .filter(d -> at.asRecorded() == null || !d.createdAt.isAfter(at.asRecorded())).toList();
        Map<Long, List<Position>> byDemand = new HashMap<>();
        for (Position position : positions.inNegotiation(negotiation)) {
            byDemand.computeIfAbsent(position.demand.id, id -> new ArrayList<>()).add(position);
        }
        // Rows come oldest first per position, so the last one wins.
        Map<Long, PositionRepository.StanceRow> stanceOf = new HashMap<>();
        (at.now() ? positions.currentStances(negotiation) : positions.stancesAt(negotiation, at))
                .forEach(row -> stanceOf.put(row.position(), row));
        Map<Long, Integer> citationCounts = new HashMap<>();
        positions.citationCounts(stanceOf.values().stream().map(PositionRepository.StanceRow::change).toList())
                .forEach(row -> citationCounts.put(row.change(), row.count().intValue()));

        Map<Long, List<Long>> membersOf = new HashMap<>();
        Map<Long, String> packageOf = new HashMap<>();
        Map<Long, String> slugs = new HashMap<>();
        rows.forEach(d -> slugs.put(d.id, d.slug));
        for (LinkRepository.Edge edge : links.edges(negotiation, LinkType.PART_OF)) {
            membersOf.computeIfAbsent(edge.to(), id -> new ArrayList<>()).add(edge.from());
            if (slugs.containsKey(edge.to())) {
                packageOf.merge(edge.from(), slugs.get(edge.to()), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }

        Map<Long, Map<String, MatrixView.Cell>> cellsOf = new LinkedHashMap<>();
        Map<Long, Stances> stancesOf = new HashMap<>();
        for (Demand demand : rows) {
            Map<String, MatrixView.Cell> cells = new LinkedHashMap<>();
            Stances stances = new Stances();
            for (Position position : DemandService.byRole(byDemand.getOrDefault(demand.id, List.of()))) {
                String party = position.party.slug;
                PositionRepository.StanceRow row = stanceOf.get(position.id);
                Explanations.Stance stance = row == null
                        ? new Explanations.Stance(party, position.role, PositionStatus.UNASSESSED, null, "")
                        : new Explanations.Stance(party, position.role, row.status(), row.change(), row.flags());
                // Now, a position with nothing current (all retracted) reads as a new demand opens it.
                LocalDate since = row != null ? row.effectiveOn() : at.now() ? position.effectiveOn : null;
                cells.put(party, new MatrixView.Cell(stance.status(), since,
                        row == null ? 0 : citationCounts.getOrDefault(row.change(), 0),
                        Explanations.stance(party, stance.status(), stance.changeId(),
                                row == null ? null : row.kind(), stance.flags())));
                stances.add(stance);
            }
            cellsOf.put(demand.id, cells);
            stancesOf.put(demand.id, stances);
        }
        Map<Long, Derived> derived = new HashMap<>();
        Map<Long, Demand> byId = new HashMap<>();
        rows.forEach(d -> byId.put(d.id, d));
        List<MatrixView.Row> matrix = new ArrayList<>(rows.size());
        for (Demand demand : rows) {
            Derived status = derive(demand, byId, stancesOf, membersOf, derived);
            matrix.add(new MatrixView.Row(new MatrixView.Demand(demand.slug, demand.title, demand.proposer.slug,
                    status.status(), demand.kind, status.explain()), cellsOf.get(demand.id), packageOf.get(demand.id)));
        }
        return new MatrixView(negotiation.slug, at.asOf(), negotiation.participants.stream().map(p -> p.slug).toList(),
                byPackage ? byPackage(matrix) : matrix, byPackage ? "package" : null, at.asRecorded());
    }

    /** Top-level rows in slug order, each followed depth first by the rows PART_OF it. */
    private static List<MatrixView.Row> byPackage(List<MatrixView.Row> rows) {
        Map<String, List<MatrixView.Row>> members = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        rows.forEach(r -> present.add(r.demand().slug()));
        List<MatrixView.Row> top = new ArrayList<>();
        for (MatrixView.Row row : rows) {
            if (row.partOf() != null && present.contains(row.partOf())) {
                members.computeIfAbsent(row.partOf(), k -> new ArrayList<>()).add(row);
            } else {
                top.add(row);
            }
        }
        List<MatrixView.Row> ordered = new ArrayList<>(rows.size());
        top.forEach(r -> appendWithMembers(r, members, ordered));
        return ordered;
    }

    private static void appendWithMembers(MatrixView.Row row, Map<String, List<MatrixView.Row>> members,
            List<MatrixView.Row> ordered) {
        ordered.add(row);
        members.getOrDefault(row.demand().slug(), List.of()).forEach(m -> appendWithMembers(m, members, ordered));
    }

    /** A demand's status from the stances of the moment; a package's from its members' then, those shown. */
    private static Derived derive(Demand demand, Map<Long, Demand> byId, Map<Long, Stances> stancesOf,
            Map<Long, List<Long>> membersOf, Map<Long, Derived> derived) {
        Derived known = derived.get(demand.id);
        if (known != null) {
            return known;
        }
        List<Derived.Member> members = new ArrayList<>();
        if (demand.kind == DemandKind.PACKAGE) {
            for (Long id : membersOf.getOrDefault(demand.id, List.of())) {
                Demand member = byId.get(id);
                if (member != null) {
                    members.add(new Derived.Member(derive(member, byId, stancesOf, membersOf, derived).status(),
                            stancesOf.get(id)));
                }
            }
        }
        Derived status = Derived.of(demand, stancesOf.get(demand.id), members);
        derived.put(demand.id, status);
        return status;
    }
}
