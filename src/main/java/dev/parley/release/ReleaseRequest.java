package dev.parley.release;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;

/** What to freeze: the whole data set, or one negotiation's part of it. */
@Schema(name = "ReleaseRequest")
public record ReleaseRequest(
        @Schema(description = "Negotiation slug; absent for the whole data set.", pattern = Slugs.PATTERN, maxLength = Slugs.MAX) @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String negotiation) {
}
