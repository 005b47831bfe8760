package dev.parley.citation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable members of a source. */
@Schema(name = "SourceRequest", requiredProperties = { "name", "kind", "reliability" })
public record SourceRequest(
        @Schema(maxLength = 200, examples = "IANS") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "NEWS_AGENCY") @NotNull SourceKind kind,
        @Schema(description = "Admiralty scale: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged.", examples = "C") @NotNull Reliability reliability,
        @Schema(maxLength = 2000) @Size(max = 2000) String reliabilityNote) {

    static SourceRequest of(Source source) {
        return new SourceRequest(source.name, source.kind, source.reliability, source.reliabilityNote);
    }
}
