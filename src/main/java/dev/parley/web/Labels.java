package dev.parley.web;

import java.util.Locale;

import dev.parley.demand.ChangeKind;
import dev.parley.demand.DayPrecision;
import dev.parley.demand.LinkType;
import dev.parley.demand.StanceBasis;
import dev.parley.event.DatePrecision;
import io.quarkus.qute.TemplateExtension;

/** How the pages name and colour enum values: "OPEN_TO_DISCUSSION" reads "open to discussion". */
@TemplateExtension
final class Labels {

    private Labels() {
    }

    static String label(Enum<?> value) {
        String words = value.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The CSS class that colours a status; the text beside it always says the same. */
    static String css(Enum<?> value) {
        return "s-" + value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How a stance is known, as the end of "known from ...". */
    static String known(StanceBasis basis) {
        return switch (basis) {
            case OWN_STATEMENT -> "the party's own words or act";
            case COUNTERPART_CLAIM -> "the other side's account";
            case THIRD_PARTY_REPORT -> "a third party's report";
            case ANALYST_INFERENCE -> "the analyst's inference";
        };
    }

    /** How exactly a stance's day is known; empty when to the day. */
    static String known(DayPrecision precision) {
        return switch (precision) {
            case DAY -> "";
            case MONTH -> "month only";
            case ON_OR_BEFORE -> "on or before";
        };
    }

    /** How exactly a stance's day is known, as the end of "the day is known ...". */
    static String exactness(DayPrecision precision) {
        return switch (precision) {
            case DAY -> "to the day";
            case MONTH -> "to the month only";
            case ON_OR_BEFORE -> "only as a day it held by (on or before)";
        };
    }

    /** The words with their first letter in capitals, to open a sentence or an option. */
    static String capitalized(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** How exactly an event's day is known; empty when to the day. */
    static String known(DatePrecision precision) {
        return switch (precision) {
            case DAY -> "";
            case MONTH -> "month only";
            case YEAR -> "year only";
            case ON_OR_BEFORE -> "on or before";
        };
    }

    /** How exactly an event's day is known, as the end of "the day is known ...". */
    static String exactness(DatePrecision precision) {
        return switch (precision) {
            case DAY -> "to the day";
            case MONTH -> "to the month only";
            case YEAR -> "to the year only";
            case ON_OR_BEFORE -> "only as a day it happened by (on or before)";
        };
    }

    /** A link as the verb between two demands: "A is part of B". */
    static String phrase(LinkType type) {
        return switch (type) {
            case PART_OF -> "is part of";
            case COUNTER_TO -> "is a counter-proposal to";
            case ALTERNATIVE_TO -> "is an alternative to";
            case SUPERSEDES -> "supersedes";
            case RESTATES -> "restates";
            case REFINES -> "refines";
            case CONDITIONAL_ON -> "is conditional on";
        };
    }

    /** Whether the change corrects or retracts another. */
    static boolean corrective(ChangeKind kind) {
        return kind != null && kind != ChangeKind.STANCE;
    }
}
