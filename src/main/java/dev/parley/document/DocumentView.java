package dev.parley.document;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A document as the API shows it: its metadata and its text's fingerprint, never the text. */
@Schema(name = "Document", requiredProperties = { "id", "title", "published_on_precision", "text_held", "created_at",
        "updated_at" })
public record DocumentView(
        @Schema(readOnly = true, description = "Server-assigned id; citations name the document by it (document_id).", examples = "doc_01jd3k5x2q8w9e7r6t5y4u3i2o") String id,
        @Schema(description = "Headline or name of the document.", examples = "Treaty between the United States of America and the Russian Federation on security guarantees") String title,
        @Schema(description = "Where it is published.", format = "uri", examples = "https://mid.ru/ru/foreign_policy/rso/nato/1790818/") String url,
        @Schema(description = "A copy kept by an archive.", format = "uri", examples = "https://web.archive.org/web/20211217194503/https://mid.ru/ru/foreign_policy/rso/nato/1790818/") String archivedUrl,
        @Schema(description = "Id of the source that published it.", examples = "src_01jd3k5x2q8w9e7r6t5y4u3i2o") String sourceId,
        @Schema(description = "The day it was published, a day in its month or year, or the day it was published by, as published_on_precision says; absent when UNKNOWN.", examples = "2021-12-17") LocalDate publishedOn,
        @Schema(description = "How exactly published_on is known.", examples = "DAY") PublishedPrecision publishedOnPrecision,
        @Schema(description = "When the text was retrieved from url.", examples = "2021-12-18T08:00:00Z") Instant retrievedAt,
        @Schema(description = "BCP 47 tag of the document's language.", examples = "ru") String language,
        @Schema(readOnly = true, description = "Whether Parley holds the full text (GET /documents/{id}/text).", examples = "true") boolean textHeld,
        @Schema(readOnly = true, description = "SHA-256 of the text's UTF-8 bytes, lowercase hex: computed when the text is held, as given when it is not.", examples = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String textSha256,
        @Schema(readOnly = true, description = "Length of the held text in code points, the unit of citation anchors.", examples = "10345") Integer textLength,
        @Schema(readOnly = true, description = "When the document was recorded.", examples = "2022-01-05T10:00:00Z") Instant createdAt,
        @Schema(readOnly = true, description = "When its metadata last changed.", examples = "2022-01-06T09:30:00Z") Instant updatedAt) {

    public static DocumentView from(Document d) {
        return new DocumentView(d.id, d.title, d.url, d.archivedUrl, d.source == null ? null : d.source.id,
                d.publishedOn, d.publishedOnPrecision, d.retrievedAt, d.language, d.textHeld, d.textSha256,
                d.textLength, d.createdAt, d.updatedAt);
    }
}
