package dev.parley.party;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;

/** The writable members of a party. */
@Schema(name = "PartyRequest", requiredProperties = { "slug", "name", "kind" })
public record PartyRequest(
        @Schema(description = "Immutable; a PATCH may repeat it but not change it.", pattern = Slugs.PATTERN, maxLength = Slugs.MAX, examples = "russia") @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @Schema(maxLength = 200, examples = "Russian Federation") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "STATE") @NotNull PartyKind kind,
        @Schema(description = "Wikidata item, when known.", pattern = "^Q[1-9][0-9]*$", examples = "Q159") @Pattern(regexp = "^Q[1-9][0-9]*$", message = "must be a Wikidata item id such as Q159") String wikidataId) {

    public static PartyRequest of(Party party) {
        return new PartyRequest(party.slug, party.name, party.kind, party.wikidataId);
    }
}
