package dev.parley.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.demand.DemandStatus;
import dev.parley.demand.EvidenceFlag;
import dev.parley.demand.PositionStatus;
import dev.parley.negotiation.MatrixView;

/** The matrix laid out for a page: a row per demand, a cell per participant in the header's order. */
record Grid(String negotiation, LocalDate asOf, List<Party> parties, List<Row> rows, LocalDate latest) {

    record Party(String slug, String name) {
    }

    /** {@code flags}: the warnings about the evidence behind the demand's status. */
    record Row(String slug, String title, String proposer, DemandStatus status, List<EvidenceFlag> flags,
            List<Cell> cells) {
    }

    /** {@code status} is null where the party is not involved in the demand; {@code flags} warn about its evidence. */
    record Cell(String party, PositionStatus status, LocalDate effectiveOn, int citationCount,
            List<EvidenceFlag> flags) {

        public boolean involved() {
            return status != null;
        }
    }

    static Grid of(MatrixView matrix, Map<String, String> partyNames) {
        // The participants, then any party a demand concerns without taking part (Georgia, say).
        Set<String> columns = new LinkedHashSet<>(matrix.parties());
        matrix.rows().forEach(row -> columns.addAll(row.cells().keySet()));
        List<Party> parties = columns.stream().map(p -> new Party(p, partyNames.getOrDefault(p, p))).toList();
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
            rows.add(new Row(row.demand().slug(), row.demand().title(),
                    partyNames.getOrDefault(row.demand().proposer(), row.demand().proposer()), row.demand().status(),
                    row.demand().explain().flags(), cells));
        }
        return new Grid(matrix.negotiation(), matrix.asOf(), parties, rows, latest);
    }
}
