package dev.parley.party;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A party as the API shows it. */
@Schema(name = "Party", requiredProperties = { "slug", "name", "kind", "created_at", "updated_at" })
public record PartyView(
        @Schema(examples = "russia") String slug,
        @Schema(examples = "Russian Federation") String name,
        PartyKind kind,
        @Schema(description = "Absent when unknown.", examples = "Q159") String wikidataId,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt) {

    public static PartyView from(Party party) {
        return new PartyView(party.slug, party.name, party.kind, party.wikidataId, party.createdAt, party.updatedAt);
    }
}
