package dev.parley.demand;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a cell, a position or a demand reads as it does. Built only by {@link Explanations}. */
@Schema(name = "Explain", description = "The rule that fired, the stances it used, and the warnings about their evidence.", requiredProperties = {
        "rule", "because", "flags" })
public record Explain(
        ExplainRule rule,
        @Schema(description = "The stances the rule read: for a cell or position the stance shown; for a demand those of the parties whose stances decided its status. Empty when nothing was recorded.") List<Because> because,
        @Schema(description = "For a cell or position, the flags of its stance; for a demand, those of the stances in because, and PARTIAL_ON_PACKAGE when a party is partial on it.") List<EvidenceFlag> flags) {

    /** One stance a rule read. */
    @Schema(name = "ExplainBecause", requiredProperties = { "party", "status" })
    public record Because(
            @Schema(examples = "united-states") String party,
            PositionStatus status,
            @Schema(description = "The recorded change (see change_id of a position); absent for a party with nothing recorded.", examples = "42") Long changeId) {
    }
}
