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
        @Schema(description = "Name of whoever made the change.", examples = "seed") String recordedBy,
        @Schema(type = SchemaType.OBJECT, description = BEFORE, examples = "{\"name\": \"Russian Federation\", \"updated_at\": \"2022-02-17T09:00:00Z\"}") @JsonRawValue String before) {

    /** What {@code before} holds, in the feed and (with {@code after}) in webhook deliveries. */
    public static final String BEFORE = """
            On an update (every *.updated type): what it replaced, as the members of the subject's view whose \
            value it changed, each with its value before (null where the member was absent); their values \
            after are in data, the whole view after. Members it left alone are not listed. Absent on other \
            types, and on updates logged before Parley kept it.""";
}
