package dev.parley.citation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a quote sits in its document: a W3C TextQuoteSelector ({@code exact}, {@code prefix},
 * {@code suffix}) with the code-point offsets of {@code exact} in the document's text.
 */
@Schema(name = "TextAnchor", description = """
        Where the quote sits in its document: exact, prefix and suffix as in a W3C TextQuoteSelector, and \
        start and end as code-point offsets into the document's text, end exclusive. When Parley holds the \
        text it computes every member and exact is the text's own slice [start, end); a request may give \
        prefix, suffix or start to choose among several places the quote occurs at, and what else it gives \
        must agree. When Parley does not hold the text, the anchor is stored as given with exact = quote.""")
public record TextAnchor(
        @Schema(description = "The document's own words at [start, end); equal to the quote under the matching rule.", examples = "we need legally binding guarantees") @Size(max = 1_048_576) String exact,
        @Schema(description = "Up to 32 code points of the text right before exact (a request may give more, up to 200 characters, to choose a place).", maxLength = 200, examples = "Sergei Ryabkov said: ") @Size(max = 200) String prefix,
        @Schema(description = "Up to 32 code points of the text right after exact (a request may give more, up to 200 characters).", maxLength = 200, examples = ", not promises.") @Size(max = 200) String suffix,
        @Schema(description = "Code-point offset of the first character of exact in the document's text.", minimum = "0", examples = "1042") @Min(0) @Max(1_048_576) Integer start,
        @Schema(description = "Code-point offset just past the last character of exact.", minimum = "0", examples = "1076") @Min(0) @Max(1_048_576) Integer end) {
}
