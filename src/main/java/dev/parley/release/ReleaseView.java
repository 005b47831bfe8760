package dev.parley.release;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A release as listed: what it holds and the digest that pins it. */
@Schema(name = "Release", requiredProperties = { "id", "media_type", "sha256", "size_bytes", "created_at",
        "created_by", "export_url" })
public record ReleaseView(
        @Schema(examples = "rel_01jd3k5x2q8w9e7r6t5y4u3i2o") String id,
        @Schema(description = "The negotiation it is scoped to; absent for the whole data set.") String negotiation,
        @Schema(description = "The format of the frozen export.", examples = "application/json") String mediaType,
        @Schema(description = "SHA-256 of the export's bytes, lowercase hex: cite it with the release.", pattern = "^[0-9a-f]{64}$") String sha256,
        @Schema(minimum = "0") long sizeBytes,
        Instant createdAt,
        @Schema(description = "Name of whoever made it.") String createdBy,
        @Schema(description = "Where its bytes are served, for ever.", examples = "/api/v1/releases/rel_01jd3k5x2q8w9e7r6t5y4u3i2o/export") String exportUrl) {

    static ReleaseView of(ReleaseRepository.Row row) {
        return new ReleaseView(row.id(), row.negotiation(), row.mediaType(), row.sha256(), row.sizeBytes(),
                row.createdAt(), row.createdBy(), "/api/v1/releases/" + row.id() + "/export");
    }
}
