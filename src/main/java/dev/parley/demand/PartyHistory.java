package dev.parley.demand;

import java.util.List;

/** One party's whole history on a demand, oldest first, as a bundle carries it. */
public record PartyHistory(String party, List<RecordedStance> history) {
}
