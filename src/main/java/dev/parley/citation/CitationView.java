package dev.parley.citation;

import java.time.Instant;
import java.time.LocalDate;

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
        Instant createdAt) {

    public static CitationView from(Citation c) {
        return new CitationView(c.id, c.source.id, c.title, c.url, c.publishedOn, c.quote, c.speaker, c.kind,
                c.relation, c.createdAt);
    }
}
