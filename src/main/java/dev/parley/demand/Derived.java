package dev.parley.demand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A demand's derived status with the rule that gave it, the parties partial on it (an inseparable
 * package's), and its explanation: the one computation the stored status, the matrix of any day and
 * the demand views share.
 */
record Derived(DemandStatus.Derivation derivation, List<String> partial, Explain explain) {

    /** A member of a package: its own status and its parties' stances. */
    record Member(DemandStatus status, Stances stances) {
    }

    DemandStatus status() {
        return derivation.status();
    }

    /** The partial parties as the demand row keeps them: comma-separated, or null. */
    String partialColumn() {
        return partial.isEmpty() ? null : String.join(",", partial);
    }

    /** The demand's flags as its row keeps them, for {@code /demands?flag=}. */
    String flagsColumn() {
        return Explanations.frame(explain.flags());
    }

    static Derived of(Demand demand, Stances own, List<Member> members) {
        DemandStatus.Derivation derivation;
        List<String> partial = List.of();
        if (demand.kind == DemandKind.PACKAGE) {
            List<DemandStatus.Member> states = new ArrayList<>();
            Map<String, List<PositionStatus>> byParty = new LinkedHashMap<>();
            for (Member member : members) {
                states.add(new DemandStatus.Member(member.status(), member.stances().all()));
                if (member.status() != DemandStatus.WITHDRAWN) {
                    member.stances().addressees().forEach(s -> byParty
                            .computeIfAbsent(s.party(), k -> new ArrayList<>()).add(s.status()));
                }
            }
            derivation = DemandStatus.packageDerivation(own.all(), demand.inseparable, states);
            if (demand.inseparable) {
                partial = byParty.entrySet().stream().filter(e -> DemandStatus.partialOnPackage(e.getValue()))
                        .map(Map.Entry::getKey).toList();
            }
        } else {
            derivation = DemandStatus.derivation(own.all());
        }
        return new Derived(derivation, partial, Explanations.demand(derivation, own.all(), !partial.isEmpty()));
    }
}
