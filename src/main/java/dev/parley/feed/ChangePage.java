package dev.parley.feed;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the change feed. */
@Schema(name = "ChangePage", requiredProperties = { "items", "next_cursor" })
public record ChangePage(
        List<ChangeView> items,
        @Schema(description = "Ask with after=<this> next time: the last item's cursor, or the one given when nothing is new.") String nextCursor) {
}
