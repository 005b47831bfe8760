package dev.parley.demand;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;

/** The writable members of a demand; its status is derived and never written. */
@Schema(name = "DemandRequest", requiredProperties = { "slug", "negotiation", "proposer", "addressees", "title", "text",
        "topic", "kind", "tabled_on" })
public record DemandRequest(
        @Schema(description = "Immutable.", pattern = Slugs.PATTERN, maxLength = Slugs.MAX, examples = "nato-non-expansion") @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @Schema(description = "Negotiation slug; immutable.", examples = "russia-us-nato-security-guarantees") @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String negotiation,
        @Schema(description = "Slug of the party that tables it, a participant; immutable.", examples = "russia") @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String proposer,
        @Schema(description = "Slugs of the participants it is addressed to, at least one, not the proposer. An addressee with recorded stances cannot be removed (409).", minItems = 1, maxItems = 50, examples = "[\"united-states\", \"nato\"]") @NotNull @Size(min = 1, max = 50) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> addressees,
        @Schema(maxLength = 300, examples = "No further NATO enlargement") @NotBlank @Size(max = 300) String title,
        @Schema(description = "The demand in one or two sentences.", maxLength = 4000) @NotBlank @Size(max = 4000) String text,
        @Schema(description = "Free topic slug.", pattern = Slugs.PATTERN, maxLength = Slugs.MAX, examples = "nato-enlargement") @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String topic,
        @NotNull DemandKind kind,
        @Schema(examples = "2021-12-17") @NotNull LocalDate tabledOn) {

    static DemandRequest of(Demand d) {
        return new DemandRequest(d.slug, d.negotiation.slug, d.proposer.slug,
                d.addressees.stream().map(p -> p.slug).toList(), d.title, d.text, d.topic, d.kind, d.tabledOn);
    }
}
