package dev.parley.citation;

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

/** A new citation, given inline when a stance is recorded. */
@Schema(name = "CitationRequest", requiredProperties = { "source_id", "title", "quote", "kind", "relation" })
public record CitationRequest(
        @Schema(examples = "src_01jd3k5x2q8w9e7r6t5y4u3i2o") @NotBlank String sourceId,
        @Schema(description = "Headline or document name.", maxLength = 500) @NotBlank @Size(max = 500) String title,
        @Schema(format = "uri", maxLength = 2000) @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String url,
        @Schema(description = "The day the source published it, when the source gives one.") LocalDate publishedOn,
        @Schema(description = "The exact words, never paraphrased.", maxLength = 4000) @NotBlank @Size(max = 4000) String quote,
        @Schema(description = "Who said it, when the source names someone; not the publisher.", maxLength = 200) @Size(max = 200) String speaker,
        @NotNull CitationKind kind,
        @NotNull CitationRelation relation,
        @Schema(description = "Id of the document the quote comes from (see /documents). When Parley holds its text, the quote must occur in it (Unicode NFC; curly and straight quote marks and runs of white space compare equal, nothing else): else 422 QUOTE_NOT_IN_DOCUMENT, or QUOTE_AMBIGUOUS when it occurs at several places and anchor does not choose one. An unknown id gives 422 UNKNOWN_DOCUMENT.", maxLength = 44, examples = "doc_01jd3k5x2q8w9e7r6t5y4u3i2o") @Size(max = 44) String documentId,
        @Schema(description = "Where the quote sits in the document; only with document_id.") @Valid TextAnchor anchor,
        @Schema(description = "The relays the words passed through between the speaker and the publisher, in order (at most 10).", maxItems = 10, examples = "[\"Russian Foreign Ministry\", \"Xinhua\", \"IANS\"]") @Size(max = 10) List<@NotBlank @Size(max = 200) @Pattern(regexp = "^[^\\x00-\\x1F\\x7F]*$", message = "must not hold control characters") String> via,
        @Schema(description = "BCP 47 tag of the language the quote is in.", maxLength = 35, examples = "en") @Size(max = 35) @Pattern(regexp = LANGUAGE, message = "must be a BCP 47 language tag such as en, ru or zh-Hant") String language,
        @Schema(description = "Whether the quote is a translation (by the source or a relay) of words said in another language.", examples = "true") Boolean translated,
        @Schema(description = "The words in the language they were said in; only for a translated quote.", maxLength = 4000, examples = "Нам нужны юридически обязывающие гарантии.") @Size(max = 4000) String originalQuote,
        @Schema(description = "How credible the information itself is, on the Admiralty information axis beside the source's reliability: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged.", minimum = "1", maximum = "6", examples = "2") @Min(1) @Max(6) Integer credibility) {

    /** A BCP 47 tag in its common shapes: a language, then script, region and variant subtags. */
    public static final String LANGUAGE = "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$";

    public CitationRequest {
        via = via == null ? List.of() : via;
    }

    /** A citation with the members of API v1 only. */
    public CitationRequest(String sourceId, String title, String url, LocalDate publishedOn, String quote,
            String speaker, CitationKind kind, CitationRelation relation) {
        this(sourceId, title, url, publishedOn, quote, speaker, kind, relation, null, null, List.of(), null, null,
                null, null);
    }
}
