package dev.parley.demand;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A negotiation's demands as nodes and the links between them as edges, for drawing. */
@Schema(name = "Graph", requiredProperties = { "negotiation", "nodes", "edges" })
public record GraphView(
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(description = "Every demand of the negotiation, by slug.") List<Node> nodes,
        @Schema(description = "Every link between them, by the demand it starts from, then as made.") List<Edge> edges) {

    @Schema(name = "GraphNode", requiredProperties = { "slug", "title", "kind", "proposer", "co_proposers",
            "addressees", "concerned", "status", "inseparable", "partial_on_package", "tabled_on", "topic" })
    public record Node(
            @Schema(examples = "russia-security-guarantees-package") String slug,
            @Schema(examples = "Russia's security guarantee proposals as one package") String title,
            DemandKind kind,
            @Schema(examples = "russia") String proposer,
            @Schema(examples = "[\"nato\"]") List<String> coProposers,
            @Schema(examples = "[\"united-states\", \"nato\"]") List<String> addressees,
            @Schema(examples = "[\"ukraine\", \"georgia\"]") List<String> concerned,
            DemandStatus status,
            @Schema(examples = "true") boolean inseparable,
            @Schema(description = "For an inseparable PACKAGE: the addressees that open or accept some members and reject others.", examples = "[\"united-states\"]") List<String> partialOnPackage,
            LocalDate tabledOn,
            @Schema(examples = "nato-enlargement") String topic) {
    }

    @Schema(name = "GraphEdge", requiredProperties = { "id", "from", "to", "type" })
    public record Edge(
            @Schema(description = "The link's id.", examples = "lnk_01fr1c2qg3a5m7x9z0b4c6d8e2") String id,
            @Schema(description = "Slug of the demand the link starts from.", examples = "us-nato-arms-control-offer") String from,
            @Schema(description = "Slug of the demand it points to.", examples = "russia-security-guarantees-package") String to,
            LinkType type) {
    }
}
