package dev.parley.demand;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.citation.CitationRelation;
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
        @Schema(description = "Id of the event of the demand's negotiation that the stance came from (see /negotiations/{slug}/events).", examples = "evt_01fr1c2qg3a5m7x9z0b4c6d8e2") @Size(max = 44) String eventId,
        @Schema(description = "How the stance is known. Absent: not stated (a v1 client); record it, since explain flags COUNTERPART_CLAIM_ONLY and INFERRED rest on it.") StanceBasis basis,
        @Schema(description = "How exactly effective_on is known; DAY when absent.") DayPrecision effectiveOnPrecision,
        @Schema(description = "STANCE when absent. CORRECTION replaces the stance named in corrects in every read and needs its own status, day and, unless UNASSESSED, citations; RETRACTION removes it from every read and repeats its status and effective_on. Both need corrects and reason, publish position.corrected instead of position.changed, and keep the corrected stance in the history. A stance is corrected or retracted once (409 ALREADY_CORRECTED); correct the correction instead.") ChangeKind changeKind,
        @Schema(description = "For a CORRECTION or RETRACTION: the change_id of a stance of the same position that reads still show.", examples = "41") Long corrects,
        @Schema(description = "For a CORRECTION or RETRACTION: why, for the readers of the history.", maxLength = 2000, examples = "The date was that of the report, not of the statement.") @Size(max = 2000) String reason,
        @Schema(description = "Existing citations to attach with the relation this stance has to them, which may differ from the one the citation was created with: one citation may support one stance and be context for another.", maxItems = 50) @Size(max = 50) List<@NotNull @Valid CitationLink> citationLinks) {

    /** An existing citation as this stance uses it. */
    @Schema(name = "CitationLink", requiredProperties = { "citation_id", "relation" })
    public record CitationLink(
            @Schema(examples = "cit_01jd3k5x2q8w9e7r6t5y4u3i2o") @NotBlank String citationId,
            @NotNull CitationRelation relation) {
    }

    /** A v1 body: no terms, no event, no evidence qualifiers. */
    public StanceRequest(PositionStatus status, LocalDate effectiveOn, String note, List<CitationRequest> citations,
            List<String> citationIds) {
        this(status, effectiveOn, note, citations, citationIds, null, null, null, null, null, null, null, null, null);
    }

    ChangeKind kind() {
        return changeKind == null ? ChangeKind.STANCE : changeKind;
    }

    DayPrecision precision() {
        return effectiveOnPrecision == null ? DayPrecision.DAY : effectiveOnPrecision;
    }

    List<CitationLink> links() {
        return citationLinks == null ? List.of() : citationLinks;
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
