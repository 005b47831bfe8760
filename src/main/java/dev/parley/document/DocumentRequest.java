package dev.parley.document;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.citation.CitationRequest;

/** The writable members of a document; its text may be given once, when it is created. */
@Schema(name = "DocumentRequest", requiredProperties = "title")
public record DocumentRequest(
        @Schema(description = "Headline or name of the document.", maxLength = 500, examples = "Treaty between the United States of America and the Russian Federation on security guarantees") @NotBlank @Size(max = 500) String title,
        @Schema(description = "Where it is published.", format = "uri", maxLength = 2000, examples = "https://mid.ru/ru/foreign_policy/rso/nato/1790818/") @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL") String url,
        @Schema(description = "A copy kept by an archive, for when url changes or disappears.", format = "uri", maxLength = 2000, examples = "https://web.archive.org/web/20211217194503/https://mid.ru/ru/foreign_policy/rso/nato/1790818/") @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL") String archivedUrl,
        @Schema(description = "Id of the source that published it.", maxLength = 44, examples = "src_01jd3k5x2q8w9e7r6t5y4u3i2o") @Size(max = 44) String sourceId,
        @Schema(description = "The day it was published (with DAY precision), a day in its month or year, or the day it was published by.", examples = "2021-12-17") LocalDate publishedOn,
        @Schema(description = "How exactly published_on is known: DAY when published_on is given without it, UNKNOWN (and no published_on) when neither is given.", examples = "DAY") PublishedPrecision publishedOnPrecision,
        @Schema(description = "When the text was retrieved from url.", examples = "2021-12-18T08:00:00Z") Instant retrievedAt,
        @Schema(description = "BCP 47 tag of the document's language.", maxLength = 35, examples = "ru") @Size(max = 35) @Pattern(regexp = CitationRequest.LANGUAGE, message = "must be a BCP 47 language tag such as en, ru or zh-Hant") String language,
        @Schema(description = """
                The full text, at most 1 MiB (1048576 bytes) of UTF-8, given once, when the document is created: \
                it never changes afterwards (a PATCH that changes it gives 422 DOCUMENT_TEXT_IMMUTABLE). Lists and \
                items never carry it; GET /documents/{id}/text answers it. Citations naming the document are \
                checked against it.""", examples = "1. The Parties shall cooperate on the basis of the principles of indivisible, equal and undiminished security.") String text,
        @Schema(description = "SHA-256 of the text's UTF-8 bytes in lowercase hex. With text it must be the text's (else 422 TEXT_SHA256_MISMATCH); without, it records which text a document Parley may not hold (text_held false) is. Fixed once given.", pattern = SHA256, examples = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") @Pattern(regexp = SHA256, message = "must be 64 lowercase hex digits") String textSha256) {

    static final String URL = "^https?://\\S+$";
    static final String SHA256 = "^[0-9a-f]{64}$";

    public DocumentRequest {
        if (publishedOnPrecision == null) {
            publishedOnPrecision = publishedOn == null ? PublishedPrecision.UNKNOWN : PublishedPrecision.DAY;
        }
    }

    /** The document's members as a request, without its text, whose fingerprint stands for it. */
    static DocumentRequest of(Document d) {
        return new DocumentRequest(d.title, d.url, d.archivedUrl, d.source == null ? null : d.source.id, d.publishedOn,
                d.publishedOnPrecision, d.retrievedAt, d.language, null, d.textSha256);
    }
}
