package dev.parley.demand;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.citation.Citation;
import dev.parley.citation.CitationRelation;

/**
 * The one place that says how a stance is known and why a demand stands where it does: the
 * evidence flags of a recorded stance, and the explanation of cells, positions and demands.
 */
final class Explanations {

    private Explanations() {
    }

    /** One party's stance as an explanation reads it. */
    record Stance(String party, PositionRole role, PositionStatus status, Long changeId, String flags)
            implements
                DemandStatus.Held {
    }

    /**
     * The flags a stance carries, fixed when it is recorded (its citations and their links never
     * change), comma-framed for storage. A retraction carries none: it is never read as a stance.
     */
    static String flagsOf(ChangeKind kind, StanceBasis basis, DayPrecision precision, List<Cited> cited) {
        if (kind == ChangeKind.RETRACTION) {
            return "";
        }
        Set<EvidenceFlag> flags = EnumSet.noneOf(EvidenceFlag.class);
        List<Citation> supporting = cited.stream().filter(c -> c.relation == CitationRelation.SUPPORTS)
                .map(c -> c.citation).toList();
        if (!supporting.isEmpty() && (distinct(supporting, Explanations::publication) == 1
                || distinct(supporting, Explanations::origin) == 1)) {
            flags.add(EvidenceFlag.SINGLE_SOURCE);
        }
        if (basis == StanceBasis.COUNTERPART_CLAIM) {
            flags.add(EvidenceFlag.COUNTERPART_CLAIM_ONLY);
        }
        if (basis == StanceBasis.ANALYST_INFERENCE) {
            flags.add(EvidenceFlag.INFERRED);
        }
        if (precision != null && precision != DayPrecision.DAY) {
            flags.add(EvidenceFlag.DATE_APPROXIMATE);
        }
        if (cited.stream().anyMatch(c -> c.relation == CitationRelation.CONTRADICTS)) {
            flags.add(EvidenceFlag.CONTESTED);
        }
        return frame(flags);
    }

    /** Where the words were published: their document, or their source when no document is named. */
    private static String publication(Citation citation) {
        return citation.documentId != null ? "document:" + citation.documentId : "source:" + citation.source.id;
    }

    /**
     * The path they came by: the relays named in {@code via}, in order; without relays, where they
     * were published. Two outlets carrying the same wire (the ministry, then Xinhua) share one.
     */
    private static String origin(Citation citation) {
        return citation.via.isEmpty() ? publication(citation) : "via:" + String.join("\u001f", citation.via);
    }

    private static long distinct(List<Citation> citations, Function<Citation, String> key) {
        return citations.stream().map(key).distinct().count();
    }

    /** The explanation of one party's stance shown in a cell or position. */
    static Explain stance(String party, PositionStatus status, Long changeId, ChangeKind kind, String flags) {
        if (changeId == null) {
            return new Explain(ExplainRule.NO_STANCE, List.of(), List.of());
        }
        ExplainRule rule = kind == ChangeKind.CORRECTION ? ExplainRule.CORRECTED_STANCE : ExplainRule.LATEST_STANCE;
        return new Explain(rule, List.of(new Explain.Because(party, status, changeId)), parse(flags));
    }

    /** The explanation of a demand's status: the rule, the stances it read, their flags. */
    static Explain demand(DemandStatus.Derivation derivation, Collection<Stance> stances, boolean partial) {
        List<Stance> used = stances.stream().filter(s -> derivation.used(s.role(), s.status())).toList();
        Set<EvidenceFlag> flags = EnumSet.noneOf(EvidenceFlag.class);
        used.forEach(s -> flags.addAll(parse(s.flags())));
        if (partial) {
            flags.add(EvidenceFlag.PARTIAL_ON_PACKAGE);
        }
        return new Explain(derivation.rule(),
                used.stream().map(s -> new Explain.Because(s.party(), s.status(), s.changeId())).toList(),
                List.copyOf(flags));
    }

    /** Flags as stored: {@code ",A,B,"}, or empty. */
    static String frame(Collection<EvidenceFlag> flags) {
        return flags.isEmpty() ? ""
                : flags.stream().sorted().map(Enum::name)
                        .collect(Collectors.joining(",", ",", ","));
    }

    static List<EvidenceFlag> parse(String framed) {
        if (framed == null || framed.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(framed.split(",")).filter(s -> !s.isEmpty()).map(EvidenceFlag::valueOf)
                .sorted().toList();
    }

    /** The pattern a stored flags column matches when it holds {@code flag}. */
    static String like(EvidenceFlag flag) {
        return "%," + flag.name() + ",%";
    }

    /** An explanation as a demand row keeps it: {@code RULE|party:STATUS:change;...|FLAG,...}. */
    static String store(Explain explain) {
        return explain.rule().name() + "|"
                + explain.because().stream().map(b -> b.party() + ":" + b.status().name() + ":"
                        + (b.changeId() == null ? "" : b.changeId())).collect(Collectors.joining(";"))
                + "|" + explain.flags().stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The explanation {@link #store} kept, or null when there is none. */
    static Explain stored(String column) {
        if (column == null || column.isEmpty()) {
            return null;
        }
        String[] parts = column.split("\\|", -1);
        List<Explain.Because> because = parts[1].isEmpty() ? List.of()
                : Arrays.stream(parts[1].split(";")).map(b -> {
                    String[] f = b.split(":", -1);
                    return new Explain.Because(f[0], PositionStatus.valueOf(f[1]),
                            f[2].isEmpty() ? null : Long.valueOf(f[2]));
                }).toList();
        return new Explain(ExplainRule.valueOf(parts[0]), because, parse(parts[2].isEmpty() ? "" : "," + parts[2] + ","));
    }
}
