package dev.parley.citation;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A source as the API shows it. */
@Schema(name = "Source", requiredProperties = { "id", "name", "kind", "reliability", "created_at", "updated_at" })
public record SourceView(
        @Schema(readOnly = true, examples = "src_01jd3k5x2q8w9e7r6t5y4u3i2o") String id,
        @Schema(examples = "IANS") String name,
        SourceKind kind,
        Reliability reliability,
        String reliabilityNote,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt) {

    public static SourceView from(Source s) {
        return new SourceView(s.id, s.name, s.kind, s.reliability, s.reliabilityNote, s.createdAt, s.updatedAt);
    }
}
