package dev.parley.feed;

import java.time.Instant;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One entry of the change log as the feed, the stream and webhooks show it. */
@Schema(name = "Change", requiredProperties = { "cursor", "type", "occurred_at", "subject", "data", "recorded_by" })
public record ChangeView(
        @Schema(description = "Opaque; ask for changes after it.", examples = "YzE6NDI") String cursor,
        @Schema(description = "<subject kind>.<what happened>.", enumeration = {
                "party.created", "party.updated",
                "party.deleted", "negotiation.created", "negotiation.updated", "demand.created", "demand.updated",
                "demand.deleted", "position.changed", "source.created", "source.updated", "citation.created",
                "citation.updated", "link.created", "link.deleted", "event.created", "event.updated",
                "demand.revised" }) String type,
        Instant occurredAt,
        Subject subject,
        @Schema(type = SchemaType.OBJECT, description = "The subject's view after the change (for a position, the stance recorded); for a deletion only its slug, but for link.deleted the link as it was; for demand.revised the wording the change replaced (a Revision).") @JsonRawValue String data,
        @Schema(description = "Name of whoever made the change.", examples = "seed") String recordedBy){

    /** Every change type the log records. */
    public static final Set<String> TYPES = Set.of("party.created", "party.updated", "party.deleted",
            "negotiation.created", "negotiation.updated", "demand.created", "demand.updated", "demand.deleted",
            "position.changed", "source.created", "source.updated", "citation.created", "citation.updated",
            "link.created", "link.deleted", "event.created", "event.updated", "demand.revised");

    /** What changed: slug-addressed subjects carry {@code slug}, id-addressed ones {@code id}. */
    @Schema(name = "ChangeSubject", requiredProperties = "kind")
    public record Subject(
            @Schema(enumeration = {
                    "party", "negotiation", "demand", "position", "source", "citation", "link", "event" }) String kind,
            @Schema(description = "Party, negotiation or demand slug; for a position, its demand's slug.") String slug,
            @Schema(description = "Source, citation, link or event id.") String id,
            @Schema(description = "For a position: the party's slug.") String party){

        public static Subject of(String kind, String key) {
            return switch (kind) {
                case "source", "citation", "link", "event" -> new Subject(kind, null, key, null);
                case "position" -> {
                    int slash = key.indexOf('/');
                    yield new Subject(kind, key.substring(0, slash), null, key.substring(slash + 1));
                }
                default -> new Subject(kind, key, null, null);
            };
        }
    }
}
