package dev.parley.demand;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;

/** A link to make from the demand in the path to another demand of its negotiation. */
@Schema(name = "LinkRequest", requiredProperties = { "type", "target" })
public record LinkRequest(
        @Schema(description = "How the demand in the path relates to the target: PART_OF (a member of the target package), COUNTER_TO (answers it with other terms), ALTERNATIVE_TO, SUPERSEDES (replaces its wording), RESTATES (says it again, perhaps more narrowly worded), REFINES (narrows it), CONDITIONAL_ON (holds only if the target is met).", examples = "COUNTER_TO") @NotNull LinkType type,
        @Schema(description = "Slug of a demand of the same negotiation, not the demand itself. PART_OF needs a target of kind PACKAGE.", examples = "russia-security-guarantees-package") @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String target,
        @Schema(maxLength = 4000, examples = "The written reply answers the draft treaty with talks on arms control instead.") @Size(max = 4000) String note,
        @Schema(description = "Ids of existing citations that show the link.", maxItems = 50, examples = "[\"cit_seed0036\"]") @Size(max = 50) List<@NotBlank String> citationIds) {

    public LinkRequest {
        citationIds = citationIds == null ? List.of() : citationIds;
    }
}
