package dev.parley.demand;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The wording a demand had until a PATCH replaced it. */
@Schema(name = "Revision", requiredProperties = { "demand", "title", "text", "changed_at", "changed_by" })
public record RevisionView(
        @Schema(examples = "nato-non-expansion") String demand,
        @Schema(description = "The title before the change.", examples = "No further NATO enlargement") String title,
        @Schema(description = "The text before the change.", examples = "NATO should give up any further expansion.") String text,
        @Schema(description = "When the wording was replaced.") Instant changedAt,
        @Schema(description = "Who replaced it.", examples = "analyst") String changedBy,
        @Schema(description = "Why, as the PATCH said in change_summary.", examples = "Wording of the published draft") String changeSummary) {

    static RevisionView from(DemandRevision r) {
        return new RevisionView(r.demand.slug, r.title, r.text, r.changedAt, r.changedBy, r.changeSummary);
    }
}
