package dev.parley.event;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;

/** The writable members of a negotiation's event. */
@Schema(name = "EventRequest", requiredProperties = { "kind", "occurred_on", "title" })
public record EventRequest(
        @NotNull EventKind kind,
        @Schema(description = "The day it happened (with DAY precision), a day in its month or year, or the day it happened by.", examples = "2022-01-26") @NotNull LocalDate occurredOn,
        @Schema(description = "How exactly occurred_on is known; DAY when absent.") DatePrecision occurredOnPrecision,
        @Schema(maxLength = 300, examples = "Written replies of the United States and NATO") @NotBlank @Size(max = 300) String title,
        @Schema(description = "Slugs of the parties who acted in it (participants or not, such as a concerned party making a statement).", maxItems = 50, examples = "[\"united-states\", \"nato\"]") @Size(max = 50) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> parties,
        @Schema(description = "Ids of the documents it produced or is known from, as /documents issues them.", maxItems = 50, examples = "[\"doc_01fr1c2qg3a5m7x9z0b4c6d8e2\"]") @Size(max = 50) List<@NotBlank @Size(max = 44) String> documentIds,
        @Schema(maxLength = 4000, examples = "Handed to the Russian Foreign Ministry in Moscow.") @Size(max = 4000) String note,
        @Schema(description = "Ids of existing citations that show the event happened as recorded.", maxItems = 50, examples = "[\"cit_seed0033\"]") @Size(max = 50) List<@NotBlank String> citationIds) {

    public EventRequest {
        parties = parties == null ? List.of() : parties;
        citationIds = citationIds == null ? List.of() : citationIds;
        documentIds = documentIds == null ? List.of() : documentIds;
        occurredOnPrecision = occurredOnPrecision == null ? DatePrecision.DAY : occurredOnPrecision;
    }

    static EventRequest of(NegotiationEvent e) {
        return new EventRequest(e.kind, e.occurredOn, e.occurredOnPrecision, e.title,
                e.parties.stream().map(p -> p.slug).toList(), List.copyOf(e.documentIds), e.note,
                e.citations.stream().map(c -> c.id).toList());
    }
}
