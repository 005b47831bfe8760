package dev.parley.demand;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A link between two demands as the API shows it. */
@Schema(name = "Link", requiredProperties = { "id", "type", "demand", "target", "citation_ids", "created_at",
        "created_by" })
public record LinkView(
        @Schema(examples = "lnk_01fr1c2qg3a5m7x9z0b4c6d8e2") String id,
        @Schema(examples = "COUNTER_TO") LinkType type,
        @Schema(description = "Slug of the demand the link starts from.", examples = "us-nato-arms-control-offer") String demand,
        @Schema(description = "Slug of the demand it points to.", examples = "russia-security-guarantees-package") String target,
        @Schema(examples = "The written replies refused the core demands and offered talks on arms control instead.") String note,
        @Schema(description = "Ids of the citations that show it.", examples = "[\"cit_seed0036\"]") List<String> citationIds,
        Instant createdAt,
        @Schema(examples = "seed") String createdBy) {

    static LinkView from(DemandLink link) {
        return new LinkView(link.id, link.type, link.demand.slug, link.target.slug, link.note,
                link.citations.stream().map(c -> c.id).toList(), link.createdAt, link.createdBy);
    }
}
