package dev.parley.negotiation;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;
import dev.parley.party.Party;

/** The writable members of a negotiation. */
@Schema(name = "NegotiationRequest", requiredProperties = { "slug", "title", "started_on", "participants" })
public record NegotiationRequest(
        @Schema(description = "Immutable.", pattern = Slugs.PATTERN, maxLength = Slugs.MAX, examples = "russia-us-nato-security-guarantees") @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @Schema(maxLength = 300, examples = "Security guarantees in Europe, 2021–2022") @NotBlank @Size(max = 300) String title,
        @Schema(maxLength = 4000) @Size(max = 4000) String summary,
        @Schema(examples = "2021-12-17") @NotNull LocalDate startedOn,
        @Schema(description = "Absent while the negotiation goes on; not before started_on.") LocalDate endedOn,
        @Schema(description = "Slugs of the parties taking part, in display order; no repeats.", minItems = 1, maxItems = 100, examples = "[\"russia\", \"united-states\", \"nato\"]") @NotNull @Size(min = 1, max = 100) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> participants) {

    public static NegotiationRequest of(Negotiation n) {
        return new NegotiationRequest(n.slug, n.title, n.summary, n.startedOn, n.endedOn,
                n.participants.stream().map((Party p) -> p.slug).toList());
    }
}
