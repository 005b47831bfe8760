package dev.parley.citation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A citation as the API shows it. */
@Schema(name = "Citation", requiredProperties = { "id", "source_id", "title", "quote", "kind", "relation",
        "created_at" })
public record CitationView(
        @Schema(examples = "cit_01jd3k5x2q8w9e7r6t5y4u3i2o") String id,
        String sourceId,
        String title,
        @Schema(format = "uri") String url,
        LocalDate publishedOn,
        @Schema(description = "The exact words.") String quote,
        String speaker,
        CitationKind kind,
        CitationRelation relation,
        Instant createdAt,
        @Schema(description = "Id of the document the quote comes from.", examples = "doc_01jd3k5x2q8w9e7r6t5y4u3i2o") String documentId,
        @Schema(description = "Where the quote sits in the document; present with document_id. When Parley holds the text, exact is its slice [start, end).") TextAnchor anchor,
        @Schema(description = "Relays between speaker and publisher, in order; absent when none were recorded.", examples = "[\"Russian Foreign Ministry\", \"Xinhua\", \"IANS\"]") List<String> via,
        @Schema(description = "BCP 47 tag of the quote's language.", examples = "en") String language,
        @Schema(description = "Whether the quote is a translation of words said in another language.", examples = "true") Boolean translated,
        @Schema(description = "The words in the language they were said in.", examples = "Нам нужны юридически обязывающие гарантии.") String originalQuote,
        @Schema(description = "Admiralty information axis: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged.", minimum = "1", maximum = "6", examples = "2") Integer credibility) {

    /** As /citations shows it: with the relation it was created with. */
    public static CitationView from(Citation c) {
        return from(c, c.relation);
    }

    /** As a stance uses it: with the relation of that stance's link to it. */
    public static CitationView from(Citation c, CitationRelation relation) {
        return new CitationView(c.id, c.source.id, c.title, c.url, c.publishedOn, c.quote, c.speaker, c.kind,
                relation, c.createdAt, c.documentId, c.anchor(), c.via.isEmpty() ? null : List.copyOf(c.via),
                c.language, c.translated, c.originalQuote, c.credibility);
    }
}
