package dev.parley.negotiation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A negotiation as the API shows it. */
@Schema(name = "Negotiation", requiredProperties = { "slug", "title", "started_on", "participants", "created_at",
        "updated_at" })
public record NegotiationView(
        @Schema(examples = "russia-us-nato-security-guarantees") String slug,
        String title,
        @Schema(description = "Absent when none was given.") String summary,
        @Schema(examples = "2021-12-17") LocalDate startedOn,
        @Schema(description = "Absent while the negotiation goes on.") LocalDate endedOn,
        @Schema(description = "Party slugs.", examples = "[\"russia\", \"united-states\", \"nato\"]") List<String> participants,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt) {

    public static NegotiationView from(Negotiation n) {
        return new NegotiationView(n.slug, n.title, n.summary, n.startedOn, n.endedOn,
                n.participants.stream().map(p -> p.slug).toList(), n.createdAt, n.updatedAt);
    }
}
