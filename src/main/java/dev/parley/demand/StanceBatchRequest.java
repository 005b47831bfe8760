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
import dev.parley.demand.StanceRequest.CitationLink;

/** Stances to record in one transaction, for imports: all of them or none. */
@Schema(name = "StanceBatchRequest", requiredProperties = "stances")
public record StanceBatchRequest(
        @Schema(description = "Recorded in this order; a later item sees what an earlier one recorded.", minItems = 1, maxItems = StanceBatchRequest.MAX) @NotNull @Size(min = 1, max = StanceBatchRequest.MAX) List<@NotNull @Valid Item> stances) {

    /** The most stances one batch records. */
    public static final int MAX = 500;

    /**
     * A stance as PUT /demands/{slug}/positions/{party} takes it, with the position it is for and,
     * optionally, the ETag of that position as last read.
     */
    @Schema(name = "StanceBatchItem", description = "The members of StanceRequest, with the position they are for.", requiredProperties = {
            "demand", "party", "status", "effective_on" })
    public record Item(
            @Schema(description = "The demand's slug.", examples = "nato-non-expansion") @NotBlank @Size(max = Slugs.MAX) String demand,
            @Schema(description = "The party's slug: the proposer or an addressee of the demand.", examples = "united-states") @NotBlank @Size(max = Slugs.MAX) String party,
            @Schema(description = "The ETag a GET of the position answered: the item is refused (412, pointing at it) if the position changed since. Checked against the positions as they were before the batch.") @Size(max = 200) String ifMatch,
            @NotNull PositionStatus status,
            @NotNull LocalDate effectiveOn,
            @Schema(maxLength = 4000) @Size(max = 4000) String note,
            @Schema(maxItems = 50) @Size(max = 50) List<@NotNull @Valid CitationRequest> citations,
            @Schema(maxItems = 50) @Size(max = 50) List<@NotBlank String> citationIds,
            @Schema(maxItems = 50) @Size(max = 50) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> conditions,
            @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String counter,
            @Size(max = 44) String eventId,
            StanceBasis basis,
            DayPrecision effectiveOnPrecision,
            ChangeKind changeKind,
            Long corrects,
            @Schema(maxLength = 2000) @Size(max = 2000) String reason,
            @Schema(maxItems = 50) @Size(max = 50) List<@NotNull @Valid CitationLink> citationLinks) {

        /** The stance itself, as a single PUT would send it. */
        StanceRequest stance() {
            return new StanceRequest(status, effectiveOn, note, citations, citationIds, conditions, counter, eventId,
                    basis, effectiveOnPrecision, changeKind, corrects, reason, citationLinks);
        }
    }
}
