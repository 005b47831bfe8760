package dev.parley.demand;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How exactly the day a stance held from is known. */
@Schema(description = "How exactly effective_on is known: DAY, the day itself; MONTH, only its month (effective_on is then the first of it); ON_OR_BEFORE, the stance held by that day, perhaps earlier.")
public enum DayPrecision {
    DAY,
    MONTH,
    ON_OR_BEFORE
}
