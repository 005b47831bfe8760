package dev.parley.demand;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.parley.common.InvalidRequest;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;
import dev.parley.negotiation.NegotiationService;

/** A negotiation's demands read together: the matrix of positions and the graph of links. */
@Path("/api/v1/negotiations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Negotiations")
public class MatrixResource {

    private final NegotiationService negotiations;
    private final Standings standings;
    private final LinkService links;

    MatrixResource(NegotiationService negotiations, Standings standings, LinkService links) {
        this.negotiations = negotiations;
        this.standings = standings;
        this.links = links;
    }

    @GET
    @Versioned(Scopes.MATRIX)
    @Path("/{slug}/matrix")
    @Operation(operationId = "getNegotiationMatrix", summary = "Position matrix of a negotiation", description = "One row per demand, one cell per party involved in it. With as_of, each cell is the stance whose effective_on is the latest on or before that day, demands tabled after it are left out, and the demand status is derived from those stances. A correction replaces the stance it corrects and a retraction removes it, in every read. Each demand and cell carries explain: the rule, the stances it read and the evidence flags.")
    @APIResponse(responseCode = "200", description = "The matrix.")
    public MatrixView matrix(@PathParam("slug") String slug,
            @Parameter(description = "A calendar day, YYYY-MM-DD.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("as_of") String asOf,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded,
            @Parameter(description = "package: each package's row is followed by the rows of its members (demands linked to it as PART_OF).", schema = @Schema(type = SchemaType.STRING, enumeration = "package")) @QueryParam("group_by") String groupBy) {
        if (groupBy != null && !groupBy.isEmpty() && !"package".equals(groupBy)) {
            throw InvalidRequest.badParameter("group_by", "must be package");
        }
        // The parameters first: a bad as_of is a 400 whether or not the negotiation exists.
        ReadAt at = ReadAt.of(asOf, asRecorded);
        return standings.matrix(negotiations.require(slug), at, "package".equals(groupBy));
    }

    @GET
    @Versioned(Scopes.MATRIX)
    @Path("/{slug}/graph")
    @Operation(operationId = "getNegotiationGraph", summary = "Demands and their links as a graph", description = "Every demand of the negotiation as a node (with kind, parties by role, derived status, inseparable and partial_on_package) and every link between them as an edge (from, to, type), for drawing packages and counter-offers.")
    @APIResponse(responseCode = "200", description = "The graph.")
    public GraphView graph(@PathParam("slug") String slug) {
        return links.graph(negotiations.require(slug));
    }
}
