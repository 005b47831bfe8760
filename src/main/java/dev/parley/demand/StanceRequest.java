package dev.parley.demand;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.citation.CitationRequest;
import dev.parley.common.Slugs;

/** A stance to record: appended to the position's history, never overwriting it. */
@Schema(name = "StanceRequest", requiredProperties = { "status", "effective_on" })
public record StanceRequest(
        @Schema(description = "Must suit the party's role: the proposer may be UNASSESSED, TABLED, CODIFIED or WITHDRAWN; an addressee UNASSESSED, NO_RESPONSE, REJECTED, OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED, ACCEPTED or CODIFIED.") @NotNull PositionStatus status,
        @Schema(description = "The day the stance held from; not before the demand was tabled.", examples = "2022-01-26") @NotNull LocalDate effectiveOn,
        @Schema(maxLength = 4000) @Size(max = 4000) String note,
        @Schema(description = "New citations, created with the stance. Any status but UNASSESSED needs at least one citation, new or existing.", maxItems = 50) @Size(max = 50) List<@NotNull @Valid CitationRequest> citations,
        @Schema(description = "Ids of existing citations to attach.", maxItems = 50) @Size(max = 50) List<@NotBlank String> citationIds,
        @Schema(description = "Only with CONDITIONALLY_ACCEPTED: slugs of the demands of the same negotiation whose meeting the acceptance waits for.", maxItems = 50, examples = "[\"legally-binding-guarantees\"]") @Size(max = 50) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> conditions,
        @Schema(description = "Only with COUNTER_PROPOSED: slug of the demand of the same negotiation that the party answers with.", examples = "us-nato-arms-control-offer") @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String counter,
        @Schema(description = "Id of the event of the demand's negotiation that the stance came from (see /negotiations/{slug}/events).", examples = "evt_01fr1c2qg3a5m7x9z0b4c6d8e2") @Size(max = 44) String eventId) {

    /** A v1 body: no terms, no event. */
    public StanceRequest(PositionStatus status, LocalDate effectiveOn, String note, List<CitationRequest> citations,
            List<String> citationIds) {
        this(status, effectiveOn, note, citations, citationIds, null, null, null);
    }

    List<String> conditionSlugs() {
        return conditions == null ? List.of() : conditions;
    }

    List<CitationRequest> newCitations() {
        return citations == null ? List.of() : citations;
    }

    List<String> existingCitations() {
        return citationIds == null ? List.of() : citationIds;
    }
}
