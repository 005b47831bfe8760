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
        @Schema(description = "Under /citations, the relation given when the citation was created; in a position, the relation of that stance's link to it, which may differ (one citation may support one stance and be context for another).") CitationRelation relation,
        Instant createdAt) {

    /** As /citations shows it: with the relation it was created with. */
    public static CitationView from(Citation c) {
        return from(c, c.relation);
    }

    /** As a stance uses it: with the relation of that stance's link to it. */
    public static CitationView from(Citation c, CitationRelation relation) {
        return new CitationView(c.id, c.source.id, c.title, c.url, c.publishedOn, c.quote, c.speaker, c.kind,
                relation, c.createdAt);
    }
}
