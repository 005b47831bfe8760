package dev.parley.reading;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.demand.DemandStatus;
import dev.parley.demand.Involvement;
import dev.parley.demand.PositionRole;
import dev.parley.demand.PositionStatus;
import dev.parley.demand.TrackedStance;

/**
 * A negotiation's recorded history held in memory, asked what stood on any day. It applies the
 * matrix's as_of rule (the stance whose effective_on is the latest on or before the day, the later
 * recorded of two on the same day) so every reading over time agrees with the matrix.
 */
final class Chronicle {

    /** A demand as readings over time name it. */
    record DemandFacts(String slug, String title, String proposer, LocalDate tabledOn) {
    }

    /** One cell: a party's part in a demand and its stances in the order they took effect. */
    record Track(String demand, String party, PositionRole role, List<TrackedStance> stances) {

        /** The stance that held on the day, or null when none had been recorded by then. */
        TrackedStance heldOn(LocalDate day) {
            TrackedStance held = null;
            for (TrackedStance stance : stances) {
                if (stance.effectiveOn().isAfter(day)) {
                    break;
                }
                held = stance;
            }
            return held;
        }

        PositionStatus statusOn(LocalDate day) {
            TrackedStance held = heldOn(day);
            return held == null ? PositionStatus.UNASSESSED : held.status();
        }

        /** Stances that held on their own day: not replaced by a later recorded one of the same day. */
        List<TrackedStance> effective() {
            List<TrackedStance> kept = new ArrayList<>();
            for (int i = 0; i < stances.size(); i++) {
                if (i + 1 == stances.size() || !stances.get(i + 1).effectiveOn().equals(stances.get(i).effectiveOn())) {
                    kept.add(stances.get(i));
                }
            }
            return kept;
        }
    }

    private final List<DemandFacts> demands;
    private final Map<String, List<Track>> tracks;

    private Chronicle(List<DemandFacts> demands, Map<String, List<Track>> tracks) {
        this.demands = demands;
        this.tracks = tracks;
    }

    /**
     * Builds it from the negotiation's demands (any order), who is involved in each, and every
     * stance in the order they took effect.
     */
    static Chronicle of(List<DemandFacts> demands, List<Involvement> involvements, List<TrackedStance> stances) {
        Map<String, Map<String, Track>> cells = new LinkedHashMap<>();
        for (Involvement involvement : involvements) {
            cells.computeIfAbsent(involvement.demand(), d -> new LinkedHashMap<>()).put(involvement.party(),
                    new Track(involvement.demand(), involvement.party(), involvement.role(), new ArrayList<>()));
        }
        for (TrackedStance stance : stances) {
            Map<String, Track> ofDemand = cells.get(stance.demand());
            Track track = ofDemand == null ? null : ofDemand.get(stance.party());
            if (track != null) {
                track.stances().add(stance);
            }
        }
        Map<String, List<Track>> tracks = new LinkedHashMap<>();
        cells.forEach((demand, byParty) -> tracks.put(demand, List.copyOf(byParty.values())));
        List<DemandFacts> ordered = new ArrayList<>(demands);
        ordered.sort((a, b) -> a.slug().compareTo(b.slug()));
        return new Chronicle(List.copyOf(ordered), tracks);
    }

    /** Every demand, in slug order. */
    List<DemandFacts> demands() {
        return demands;
    }

    /** The demands tabled on or before the day. */
    List<DemandFacts> tabledBy(LocalDate day) {
        return demands.stream().filter(d -> !d.tabledOn().isAfter(day)).toList();
    }

    /** The cells of a demand: the proposer first, then the addressees. */
    List<Track> tracks(String demand) {
        return tracks.getOrDefault(demand, List.of());
    }

    /** Every cell of every demand. */
    List<Track> tracks() {
        return tracks.values().stream().flatMap(List::stream).toList();
    }

    /** The demand's derived status from the stances that held on the day (the contract's five rules). */
    DemandStatus statusOn(String demand, LocalDate day) {
        return DemandStatus.derive(tracks(demand).stream().map(t -> new Held(t.role(), t.statusOn(day))).toList());
    }

    /** A cell's stance on a day, as the status rules read it. */
    private record Held(PositionRole role, PositionStatus status) implements DemandStatus.Held {
    }

    /** The first day anything is known: the earliest tabling or stance. Null when there is nothing. */
    LocalDate firstDay() {
        LocalDate first = null;
        for (DemandFacts demand : demands) {
            first = earlier(first, demand.tabledOn());
        }
        for (Track track : tracks()) {
            if (!track.stances().isEmpty()) {
                first = earlier(first, track.stances().get(0).effectiveOn());
            }
        }
        return first;
    }

    /** The last day anything is known to have moved: the latest tabling or stance. Null when there is nothing. */
    LocalDate lastDay() {
        LocalDate last = null;
        for (DemandFacts demand : demands) {
            last = later(last, demand.tabledOn());
        }
        for (Track track : tracks()) {
            for (TrackedStance stance : track.stances()) {
                last = later(last, stance.effectiveOn());
            }
        }
        return last;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
