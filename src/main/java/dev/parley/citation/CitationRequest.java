package dev.parley.citation;

import java.time.LocalDate;

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
        @NotNull CitationRelation relation) {
}
