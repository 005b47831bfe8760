package dev.parley.bundle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.citation.CitationKind;
import dev.parley.citation.CitationRelation;
import dev.parley.citation.CitationRequest;
import dev.parley.citation.Reliability;
import dev.parley.citation.SourceKind;
import dev.parley.citation.TextAnchor;
import dev.parley.common.Slugs;
import dev.parley.demand.ChangeKind;
import dev.parley.demand.DayPrecision;
import dev.parley.demand.DemandKind;
import dev.parley.demand.LinkType;
import dev.parley.demand.PositionStatus;
import dev.parley.demand.RecordedStance;
import dev.parley.demand.StanceBasis;
import dev.parley.demand.StanceRequest;
import dev.parley.document.PublishedPrecision;
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
        @Schema(description = "Earlier wordings of demands, oldest first; one already held (same demand and changed_at) is skipped. Absent means none.") @Size(max = 1_000_000) List<@NotNull @Valid BundleRevision> revisions,
        @Schema(description = "Documents citations quote from, matched by id, with their text where it is held; imported before the citations, whose anchors are checked against held texts. Absent means none.") @Size(max = 100_000) List<@NotNull @Valid BundleDocument> documents) {

    public static final String FORMAT = "parley-bundle/1";

    public Bundle {
        events = events == null ? List.of() : events;
        links = links == null ? List.of() : links;
        revisions = revisions == null ? List.of() : revisions;
        documents = documents == null ? List.of() : documents;
    }

    @Schema(name = "BundleDocument", requiredProperties = { "id", "title" })
    public record BundleDocument(
            @Schema(description = "The document's id, kept on import.", pattern = "^doc_[a-z0-9_]{4,40}$", examples = "doc_seed0001") @NotNull @Pattern(regexp = "^doc_[a-z0-9_]{4,40}$", message = "must be doc_ and 4 to 40 of a-z, 0-9, _") String id,
            @Schema(description = "Headline or name of the document.", examples = "Treaty between the United States of America and the Russian Federation on security guarantees") @NotBlank @Size(max = 500) String title,
            @Schema(description = "Where it is published.", format = "uri", examples = "https://mid.ru/ru/foreign_policy/rso/nato/1790818/") @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String url,
            @Schema(description = "A copy kept by an archive.", format = "uri", examples = "https://web.archive.org/web/20211217194503/https://mid.ru/ru/foreign_policy/rso/nato/1790818/") @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String archivedUrl,
            @Schema(description = "Id of the source that published it, among the bundle's sources or already held.", examples = "src_seed0001") @Size(max = 44) String sourceId,
            @Schema(description = "The day it was published, as published_on_precision says.", examples = "2021-12-17") LocalDate publishedOn,
            @Schema(description = "How exactly published_on is known: DAY when absent with published_on, UNKNOWN without.", examples = "DAY") PublishedPrecision publishedOnPrecision,
            @Schema(description = "When the text was retrieved from url.", examples = "2021-12-18T08:00:00Z") Instant retrievedAt,
            @Schema(description = "BCP 47 tag of the document's language.", examples = "ru") @Size(max = 35) @Pattern(regexp = CitationRequest.LANGUAGE, message = "must be a BCP 47 language tag such as en, ru or zh-Hant") String language,
            @Schema(description = "The full text when Parley holds it (text_held true); a document already held keeps its text, which must be this one.", examples = "1. The Parties shall cooperate on the basis of the principles of indivisible, equal and undiminished security.") String text,
            @Schema(description = "SHA-256 of the text's UTF-8 bytes in lowercase hex; must be the text's when text is given.", pattern = "^[0-9a-f]{64}$", examples = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be 64 lowercase hex digits") String textSha256,
            @Schema(description = "Whether the text is held; set by export. When true, text must be given; when false, it must not.", examples = "true") Boolean textHeld) {
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
            @NotNull CitationRelation relation,
            @Schema(description = "Id of the document quoted, among the bundle's documents or already held.", examples = "doc_seed0001") @Size(max = 44) String documentId,
            @Schema(description = "Where the quote sits in the document; checked against the document's text when it is held (422 with a pointer when it does not fit).") @Valid TextAnchor anchor,
            @Schema(description = "Relays between speaker and publisher, in order.", examples = "[\"Russian Foreign Ministry\", \"Xinhua\", \"IANS\"]") @Size(max = 10) List<@NotBlank @Size(max = 200) @Pattern(regexp = "^[^\\x00-\\x1F\\x7F]*$", message = "must not hold control characters") String> via,
            @Schema(description = "BCP 47 tag of the quote's language.", examples = "en") @Size(max = 35) @Pattern(regexp = CitationRequest.LANGUAGE, message = "must be a BCP 47 language tag such as en, ru or zh-Hant") String language,
            @Schema(description = "Whether the quote is a translation.", examples = "true") Boolean translated,
            @Schema(description = "The words in the language they were said in; only for a translated quote.", examples = "Нам нужны юридически обязывающие гарантии.") @Size(max = 4000) String originalQuote,
            @Schema(description = "Admiralty information axis, 1 to 6.", minimum = "1", maximum = "6", examples = "2") @Min(1) @Max(6) Integer credibility) {
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
            @Schema(description = "Citations this stance uses with a relation other than the one they were created with; the others are in citation_ids.") @Size(max = 50) List<StanceRequest.@NotNull @Valid CitationLink> citationLinks)
            implements
                RecordedStance {
    }
}
