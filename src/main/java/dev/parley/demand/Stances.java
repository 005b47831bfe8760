package dev.parley.demand;

import java.util.ArrayList;
import java.util.List;

/** The stances of one demand's parties, in the order the API lists them, as its status rules read them. */
final class Stances {

    private final List<Explanations.Stance> all = new ArrayList<>();

    void add(Explanations.Stance stance) {
        all.add(stance);
    }

    /** A party's current stance, as its position keeps it. */
    void add(Position position) {
        add(new Explanations.Stance(position.party.slug, position.role, position.status, position.currentChangeId,
                position.flags));
    }

    List<Explanations.Stance> all() {
        return all;
    }

    /** Addressees only: concerned parties may hold positions, which never move the status. */
    List<Explanations.Stance> addressees() {
        return all.stream().filter(s -> s.role() == PositionRole.ADDRESSEE).toList();
    }
}
