package dev.parley.feed;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A deletion as /tombstones lists it, long after the feed has forgotten the change. */
@Schema(name = "Tombstone", requiredProperties = { "subject", "deleted_at", "cursor" })
public record TombstoneView(
        @JsonIgnore long id,
        @Schema(description = "What was deleted, as the change feed names it.") Subject subject,
        Instant deletedAt,
        @Schema(description = "The cursor of the deletion's change; a consumer holding a later cursor has seen it.", examples = "YzE6NDI") String cursor) {

    static TombstoneView of(long id, String kind, String key, Instant deletedAt, long cursor) {
        return new TombstoneView(id, Subject.stored(kind, key), deletedAt, Cursors.encode(cursor));
    }
}
