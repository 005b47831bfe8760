package dev.parley.demand;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which rule made a stance current or gave a demand its status. */
@Schema(description = "For a cell or position: LATEST_STANCE, the stance with the latest effective_on (on or before as_of; the later recorded on the same day); CORRECTED_STANCE, the same, where that stance is a correction of an earlier one; NO_STANCE, nothing recorded for the party by that day. For a demand, the derived-status rule that fired, in the contract's order: PROPOSERS_WITHDREW, ADDRESSEES_AGREE, ADDRESSEE_ENGAGES, ADDRESSEE_REJECTS, NO_ADDRESSEE_ENGAGES; for a PACKAGE also MEMBERS_AGREED, PART_REJECTED (an inseparable package refused in one of its parts) and MEMBER_ENGAGED. Clients must accept rules added later.")
public enum ExplainRule {
    LATEST_STANCE,
    CORRECTED_STANCE,
    NO_STANCE,
    PROPOSERS_WITHDREW,
    ADDRESSEES_AGREE,
    ADDRESSEE_ENGAGES,
    ADDRESSEE_REJECTS,
    NO_ADDRESSEE_ENGAGES,
    MEMBERS_AGREED,
    PART_REJECTED,
    MEMBER_ENGAGED
}
