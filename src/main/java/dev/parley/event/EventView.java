package dev.parley.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An event of a negotiation as the API shows it. */
@Schema(name = "Event", requiredProperties = { "id", "negotiation", "kind", "occurred_on", "occurred_on_precision",
        "title", "parties", "document_ids", "citation_ids", "created_at", "updated_at" })
public record EventView(
        @Schema(examples = "evt_01fr1c2qg3a5m7x9z0b4c6d8e2") String id,
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        EventKind kind,
        @Schema(examples = "2022-01-26") LocalDate occurredOn,
        DatePrecision occurredOnPrecision,
        @Schema(examples = "Written replies of the United States and NATO") String title,
        @Schema(examples = "[\"united-states\", \"nato\"]") List<String> parties,
        @Schema(examples = "[\"doc_01fr1c2qg3a5m7x9z0b4c6d8e2\"]") List<String> documentIds,
        @Schema(examples = "Handed to the Russian Foreign Ministry in Moscow.") String note,
        @Schema(description = "Ids of the citations that show it.", examples = "[\"cit_seed0033\"]") List<String> citationIds,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt) {

    public static EventView from(NegotiationEvent e) {
        return new EventView(e.id, e.negotiation.slug, e.kind, e.occurredOn, e.occurredOnPrecision, e.title,
                e.parties.stream().map(p -> p.slug).toList(), List.copyOf(e.documentIds), e.note,
                e.citations.stream().map(c -> c.id).toList(), e.createdAt, e.updatedAt);
    }
}
