package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A demand as the API shows it. */
@Schema(name = "Demand", requiredProperties = { "slug", "negotiation", "proposer", "addressees", "title", "text",
        "topic", "kind", "tabled_on", "status", "created_at", "updated_at" })
public record DemandView(
        @Schema(examples = "nato-non-expansion") String slug,
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(examples = "russia") String proposer,
        @Schema(examples = "[\"united-states\", \"nato\"]") List<String> addressees,
        String title,
        String text,
        @Schema(examples = "nato-enlargement") String topic,
        DemandKind kind,
        LocalDate tabledOn,
        @Schema(readOnly = true, description = "Derived from the current positions, first rule that matches: WITHDRAWN (the proposer withdrew it), AGREED (every addressee ACCEPTED or CODIFIED), IN_NEGOTIATION (some addressee OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED, ACCEPTED or CODIFIED), REJECTED (some addressee REJECTED), PENDING.") DemandStatus status,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt,
        @Schema(readOnly = true, description = "Only in lists asked with include=positions: each involved party's current stance, the proposer first.") List<DemandPositionView> positions) {

    public static DemandView from(Demand d) {
        return new DemandView(d.slug, d.negotiation.slug, d.proposer.slug,
                d.addressees.stream().map(p -> p.slug).toList(), d.title, d.text, d.topic, d.kind, d.tabledOn, d.status,
                d.createdAt, d.updatedAt, null);
    }

    DemandView withPositions(List<DemandPositionView> embedded) {
        return new DemandView(slug, negotiation, proposer, addressees, title, text, topic, kind, tabledOn, status,
                createdAt, updatedAt, embedded);
    }
}
