package dev.parley.feed;

import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a change is about. Slug-addressed subjects carry {@code slug}, id-addressed ones {@code id},
 * a position its demand's slug and its party's: made only through the factories, so no caller
 * encodes or parses a key. The documented kinds are those of {@link ChangeType}.
 */
@Schema(name = "ChangeSubject", requiredProperties = "kind")
public record Subject(
        String kind,
        @Schema(description = "Party, negotiation or demand slug; for a position, its demand's slug.") String slug,
        @Schema(description = "Source, citation, link, event or document id.") String id,
        @Schema(description = "For a position: the party's slug.") String party) {

    public Subject {
        Objects.requireNonNull(kind, "kind");
    }

    /** A party, negotiation or demand. */
    public static Subject slug(String kind, String slug) {
        return new Subject(kind, Objects.requireNonNull(slug, "slug"), null, null);
    }

    /** A source, citation, link, event or document. */
    public static Subject id(String kind, String id) {
        return new Subject(kind, null, Objects.requireNonNull(id, "id"), null);
    }

    /** The position of {@code party} on {@code demand}. */
    public static Subject position(String demand, String party) {
        return new Subject("position", Objects.requireNonNull(demand, "demand"), null,
                Objects.requireNonNull(party, "party"));
    }

    /** The one column the log keeps it in: the slug or id, and for a position {@code demand/party}. */
    String key() {
        return party != null ? slug + "/" + party : slug != null ? slug : id;
    }

    /** Back from the log's columns: the inverse of {@link #key()}, and the only reader of it. */
    static Subject stored(String kind, String key) {
        return switch (kind) {
            case "source", "citation", "link", "event", "document" -> id(kind, key);
            case "position" -> {
                int slash = key.indexOf('/');
                yield position(key.substring(0, slash), key.substring(slash + 1));
            }
            default -> slug(kind, key);
        };
    }
}
