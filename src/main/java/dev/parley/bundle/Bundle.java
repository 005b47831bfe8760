package dev.parley.bundle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.citation.CitationKind;
import dev.parley.citation.CitationRelation;
import dev.parley.citation.Reliability;
import dev.parley.citation.SourceKind;
import dev.parley.common.Slugs;
import dev.parley.demand.ChangeKind;
import dev.parley.demand.DayPrecision;
import dev.parley.demand.DemandKind;
import dev.parley.demand.LinkType;
import dev.parley.demand.PositionStatus;
import dev.parley.demand.StanceBasis;
import dev.parley.demand.StanceRequest;
import dev.parley.event.DatePrecision;
import dev.parley.event.EventKind;
import dev.parley.negotiation.NegotiationRequest;
import dev.parley.party.PartyRequest;

/**
 * The whole data set as one document: what export writes and import reads. Parties, negotiations
 * and demands are matched by slug, sources and citations by id; histories are oldest first.
 */
@Schema(name = "Bundle", requiredProperties = { "format", "parties", "sources", "citations", "negotiations",
        "demands" })
public record Bundle(
        @Schema(enumeration = FORMAT, examples = FORMAT) @NotNull @Pattern(regexp = "^parley-bundle/1$", message = "must be "
                + FORMAT) String format,
        @Schema(readOnly = true, description = "Set by export; ignored by import.") Instant exportedAt,
        @NotNull @Size(max = 100_000) List<@NotNull @Valid PartyRequest> parties,
        @NotNull @Size(max = 100_000) List<@NotNull @Valid BundleSource> sources,
        @NotNull @Size(max = 1_000_000) List<@NotNull @Valid BundleCitation> citations,
        @NotNull @Size(max = 100_000) List<@NotNull @Valid NegotiationRequest> negotiations,
        @NotNull @Size(max = 1_000_000) List<@NotNull @Valid BundleDemand> demands,
        @Schema(description = "Events of the negotiations, matched by id; absent means none.") @Size(max = 100_000) List<@NotNull @Valid BundleEvent> events,
        @Schema(description = "Links between demands, matched by id and never changed; absent means none.") @Size(max = 1_000_000) List<@NotNull @Valid BundleLink> links,
        @Schema(description = "Earlier wordings of demands, oldest first; one already held (same demand and changed_at) is skipped. Absent means none.") @Size(max = 1_000_000) List<@NotNull @Valid BundleRevision> revisions) {

    public static final String FORMAT = "parley-bundle/1";

    public Bundle {
        events = events == null ? List.of() : events;
        links = links == null ? List.of() : links;
        revisions = revisions == null ? List.of() : revisions;
    }

    @Schema(name = "BundleEvent", requiredProperties = { "id", "negotiation", "kind", "occurred_on", "title" })
    public record BundleEvent(
            @Schema(pattern = "^evt_[a-z0-9_]{4,40}$") @NotNull @Pattern(regexp = "^evt_[a-z0-9_]{4,40}$", message = "must be evt_ and 4 to 40 of a-z, 0-9, _") String id,
            @NotNull String negotiation,
            @NotNull EventKind kind,
            @NotNull LocalDate occurredOn,
            DatePrecision occurredOnPrecision,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 50) List<@NotNull String> parties,
            @Size(max = 50) List<@NotBlank @Size(max = 44) String> documentIds,
            @Size(max = 4000) String note,
            @Size(max = 50) List<@NotBlank String> citationIds) {
    }

    @Schema(name = "BundleLink", requiredProperties = { "id", "demand", "type", "target" })
    public record BundleLink(
            @Schema(pattern = "^lnk_[a-z0-9_]{4,40}$") @NotNull @Pattern(regexp = "^lnk_[a-z0-9_]{4,40}$", message = "must be lnk_ and 4 to 40 of a-z, 0-9, _") String id,
            @Schema(description = "Slug of the demand the link starts from.") @NotNull String demand,
            @NotNull LinkType type,
            @NotNull String target,
            @Size(max = 4000) String note,
            @Size(max = 50) List<@NotBlank String> citationIds) {
    }

    @Schema(name = "BundleRevision", requiredProperties = { "demand", "title", "text", "changed_at", "changed_by" })
    public record BundleRevision(
            @NotNull String demand,
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 4000) String text,
            @NotNull Instant changedAt,
            @NotBlank @Size(max = 100) String changedBy,
            @Size(max = 500) String changeSummary) {
    }

    @Schema(name = "BundleSource", requiredProperties = { "id", "name", "kind", "reliability" })
    public record BundleSource(
            @Schema(pattern = "^src_[a-z0-9_]{4,40}$") @NotNull @Pattern(regexp = "^src_[a-z0-9_]{4,40}$", message = "must be src_ and 4 to 40 of a-z, 0-9, _") String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull SourceKind kind,
            @NotNull Reliability reliability,
            @Size(max = 2000) String reliabilityNote) {
    }

    @Schema(name = "BundleCitation", requiredProperties = { "id", "source_id", "title", "quote", "kind", "relation" })
    public record BundleCitation(
            @Schema(pattern = "^cit_[a-z0-9_]{4,40}$") @NotNull @Pattern(regexp = "^cit_[a-z0-9_]{4,40}$", message = "must be cit_ and 4 to 40 of a-z, 0-9, _") String id,
            @NotBlank String sourceId,
            @NotBlank @Size(max = 500) String title,
            @Schema(format = "uri") @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String url,
            LocalDate publishedOn,
            @NotBlank @Size(max = 4000) String quote,
            @Size(max = 200) String speaker,
            @NotNull CitationKind kind,
            @NotNull CitationRelation relation) {
    }

    @Schema(name = "BundleDemand", requiredProperties = { "slug", "negotiation", "proposer", "addressees", "title",
            "text", "topic", "kind", "tabled_on", "positions" })
    public record BundleDemand(
            @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
            @NotNull String negotiation,
            @NotNull String proposer,
            @NotNull @Size(min = 1, max = 50) List<@NotNull String> addressees,
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 4000) String text,
            @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String topic,
            @NotNull DemandKind kind,
            @NotNull LocalDate tabledOn,
            @Schema(description = "Each involved party's history; a party left out gets the opening stance a new demand gives it.") @NotNull @Size(max = 151) List<@NotNull @Valid BundlePosition> positions,
            @Size(max = 50) List<@NotNull String> coProposers,
            @Size(max = 50) List<@NotNull String> concerned,
            Boolean inseparable) {
    }

    @Schema(name = "BundlePosition", requiredProperties = { "party", "history" })
    public record BundlePosition(
            @NotNull String party,
            @Schema(description = "Oldest first.") @NotNull @Size(min = 1, max = 10_000) List<@NotNull @Valid BundleStance> history) {
    }

    @Schema(name = "BundleStance", requiredProperties = { "status", "effective_on", "citation_ids", "recorded_at",
            "recorded_by" })
    public record BundleStance(
            @NotNull PositionStatus status,
            @NotNull LocalDate effectiveOn,
            @Size(max = 4000) String note,
            @NotNull @Size(max = 50) List<@NotBlank String> citationIds,
            @NotNull Instant recordedAt,
            @NotBlank @Size(max = 100) String recordedBy,
            @Size(max = 50) List<@NotNull String> conditions,
            String counter,
            String eventId,
            @Schema(description = "How the stance is known; absent when not stated.") StanceBasis basis,
            @Schema(description = "DAY when absent.") DayPrecision effectiveOnPrecision,
            @Schema(description = "STANCE when absent.") ChangeKind changeKind,
            @Schema(description = "For a CORRECTION or RETRACTION: the index, oldest first from 0, of the entry of this same history it corrects.", minimum = "0", examples = "0") @Min(0) Integer corrects,
            @Schema(description = "For a CORRECTION or RETRACTION: why.") @Size(max = 2000) String reason,
            @Schema(description = "Citations this stance uses with a relation other than the one they were created with; the others are in citation_ids.") @Size(max = 50) List<StanceRequest.@NotNull @Valid CitationLink> citationLinks) {
    }
}
