package dev.parley.feed;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One entry of the change log as the feed, the stream and webhooks show it. The enumeration of
 * {@code type} is {@link ChangeType}, put into the document by {@link ChangeTypesDocument}.
 */
@Schema(name = "Change", requiredProperties = { "cursor", "type", "occurred_at", "subject", "data", "recorded_by" })
public record ChangeView(
        @Schema(description = "Opaque; ask for changes after it.", examples = "YzE6NDI") String cursor,
        @Schema(description = "<subject kind>.<what happened>.") String type,
        Instant occurredAt,
        Subject subject,
        @Schema(type = SchemaType.OBJECT, description = "The subject's view after the change (for a position, the stance recorded); for a deletion only its slug, but for link.deleted the link as it was; for demand.revised the wording the change replaced (a Revision); for demand.status_changed: {\"before\": {\"status\"}, \"after\": <the demand>}.") @JsonRawValue String data,
        @Schema(description = "Name of whoever made the change.", examples = "seed") String recordedBy) {
}
