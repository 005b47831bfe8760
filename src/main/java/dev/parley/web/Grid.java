package dev.parley.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.demand.DemandStatus;
import dev.parley.demand.EvidenceFlag;
import dev.parley.demand.MatrixView;
import dev.parley.demand.PositionStatus;

/** The matrix laid out for a page: a row per demand, a cell per participant in the header's order. */
record Grid(String negotiation, LocalDate asOf, List<Party> parties, List<Row> rows, LocalDate latest) {

    record Party(String slug, String name) {
    }

    /**
     * {@code flags}: the warnings about the evidence behind the demand's status; {@code partOf}: the
     * package it is a member of (null when none), {@code depth} how deep in packages it sits.
     */
    record Row(String slug, String title, String proposer, DemandStatus status, List<EvidenceFlag> flags,
            List<Cell> cells, String partOf, String partOfTitle, int depth) {

        /** Members sit indented under their package; three levels show, deeper ones as the third. */
        public String css() {
            return depth == 0 ? "" : "member depth-" + Math.min(depth, 3);
        }
    }

    /** {@code status} is null where the party is not involved in the demand; {@code flags} warn about its evidence. */
    record Cell(String party, PositionStatus status, LocalDate effectiveOn, int citationCount,
            List<EvidenceFlag> flags) {

        public boolean involved() {
            return status != null;
        }
    }

    /** The matrix asked with group_by=package puts each package's members right after it. */
    static Grid of(MatrixView matrix, Map<String, String> partyNames) {
        // The participants, then any party a demand concerns without taking part (Georgia, say).
        Set<String> columns = new LinkedHashSet<>(matrix.parties());
        matrix.rows().forEach(row -> columns.addAll(row.cells().keySet()));
        List<Party> parties = columns.stream().map(p -> new Party(p, partyNames.getOrDefault(p, p))).toList();
        Map<String, MatrixView.Row> bySlug = new HashMap<>();
        matrix.rows().forEach(row -> bySlug.put(row.demand().slug(), row));
        List<Row> rows = new ArrayList<>();
        LocalDate latest = null;
        for (MatrixView.Row row : matrix.rows()) {
            List<Cell> cells = new ArrayList<>();
            for (String party : columns) {
                MatrixView.Cell cell = row.cells().get(party);
                cells.add(cell == null ? new Cell(party, null, null, 0, List.of())
                        : new Cell(party, cell.status(), cell.effectiveOn(), cell.citationCount(),
                                cell.explain().flags()));
                if (cell != null && cell.effectiveOn() != null
                        && (latest == null || cell.effectiveOn().isAfter(latest))) {
                    latest = cell.effectiveOn();
                }
            }
            MatrixView.Row pack = row.partOf() == null ? null : bySlug.get(row.partOf());
            rows.add(new Row(row.demand().slug(), row.demand().title(),
                    partyNames.getOrDefault(row.demand().proposer(), row.demand().proposer()), row.demand().status(),
                    row.demand().explain().flags(), cells, pack == null ? null : row.partOf(),
                    pack == null ? null : pack.demand().title(), depth(row, bySlug)));
        }
        return new Grid(matrix.negotiation(), matrix.asOf(), parties, rows, latest);
    }

    /** Packages shown above the row: PART_OF never forms a cycle, and the walk stops at the rows there are anyway. */
    private static int depth(MatrixView.Row row, Map<String, MatrixView.Row> bySlug) {
        int depth = 0;
        for (MatrixView.Row up = bySlug.get(row.partOf()); up != null && depth < bySlug.size(); up = bySlug
                .get(up.partOf())) {
            depth++;
        }
        return depth;
    }
}
