package dev.parley.demand;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How Parley knows a stance: from whom the words or the act that show it come. */
@Schema(description = "How the stance is known: OWN_STATEMENT, the party's own words or act; COUNTERPART_CLAIM, another party's account of it; THIRD_PARTY_REPORT, a report by someone outside the talks; ANALYST_INFERENCE, the analyst's reading of the evidence, not anyone's statement. Absent on stances recorded before v1.1.")
public enum StanceBasis {
    OWN_STATEMENT,
    COUNTERPART_CLAIM,
    THIRD_PARTY_REPORT,
    ANALYST_INFERENCE
}
