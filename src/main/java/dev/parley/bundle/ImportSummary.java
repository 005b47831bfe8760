package dev.parley.bundle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an import created; records that existed were updated where they differed. */
@Schema(name = "ImportSummary", requiredProperties = { "parties_created", "sources_created", "citations_created",
        "negotiations_created", "demands_created", "stances_added" })
public record ImportSummary(int partiesCreated, int sourcesCreated, int citationsCreated, int negotiationsCreated,
        int demandsCreated,
        @Schema(description = "Stances appended to histories; ones already recorded (same status, day and recording time) are skipped.") int stancesAdded,
        @Schema(description = "Documents created; ones already held were updated where their metadata differed.", examples = "3") Integer documentsCreated) {
}
