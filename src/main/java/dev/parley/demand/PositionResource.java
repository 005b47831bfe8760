package dev.parley.demand;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

import dev.parley.common.Api;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/demands/{slug}/positions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Positions")
public class PositionResource {

    private final PositionService service;
    private final RequestValidator validator;

    PositionResource(PositionService service, RequestValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @GET
    @Versioned({ DemandChanges.POSITIONS, Scopes.CITATION_EDITS })
    @Operation(operationId = "listPositions", summary = "Current positions on a demand", description = "One per involved party: the proposer first, then the addressees. Each is the stance whose effective_on is the latest (on or before as_of), a correction in place of what it corrects, with explain: the rule, the stance, its evidence flags.")
    @APIResponse(responseCode = "200", description = "The positions.")
    public PositionList list(@PathParam("slug") String slug,
            @Parameter(description = "A calendar day, YYYY-MM-DD: the stance that held that day.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("as_of") String asOf,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded) {
        return new PositionList(service.current(slug, ReadAt.of(asOf, asRecorded)));
    }

    @GET
    @Versioned({ DemandChanges.POSITIONS, Scopes.CITATION_EDITS })
    @Path("/{party}")
    @Operation(operationId = "getPosition", summary = "A party's current position on a demand", description = "The stance whose effective_on is the latest (on or before as_of), a correction in place of what it corrects, with its citations and explain. Its ETag is the If-Match a following PUT needs.")
    @APIResponse(responseCode = "200", description = "The position.")
    public PositionView get(@PathParam("slug") String slug, @PathParam("party") String party,
            @Parameter(description = "A calendar day, YYYY-MM-DD: the stance that held that day.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("as_of") String asOf,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded) {
        return service.current(slug, party, ReadAt.of(asOf, asRecorded));
    }

    @PUT
    @Versioned({ DemandChanges.POSITIONS, Scopes.CITATION_EDITS })
    @Requires(Role.ANALYST)
    @Path("/{party}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordStance", summary = "Record a stance", description = "Appends a stance to the party's history; nothing is edited or lost. It becomes the current position unless a stance already holds from a later day (a stance recorded late for an earlier day only joins the history). With change_kind CORRECTION or RETRACTION it replaces or removes, in every read, the stance named in corrects. The answer is the current position.")
    @APIResponse(responseCode = "200", description = "The current position after recording.")
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    public PositionView record(@PathParam("slug") String slug, @PathParam("party") String party,
            StanceRequest stance) {
        return service.record(slug, party, validator.check(stance));
    }

    @GET
    @Versioned({ DemandChanges.POSITIONS, Scopes.CITATION_EDITS })
    @Path("/{party}/history")
    @Operation(operationId = "listPositionHistory", summary = "A party's stances on a demand, newest first", description = "Ordered by effective_on, newest first, then by recording order. Every recorded change is listed, corrections and retractions beside what they corrected (which carries corrected_by). With as_of, only stances effective on or before that day; with as_recorded, only changes recorded by then.")
    @APIResponse(responseCode = "200", description = "A page of the history.")
    public Page<PositionView> history(@PathParam("slug") String slug,
            @PathParam("party") String party,
            @Parameter(description = "A calendar day, YYYY-MM-DD.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("as_of") String asOf,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.history(slug, party, ReadAt.of(asOf, asRecorded),
                PageRequest.of(pageSize, pageToken, "history|" + slug + "|" + party + "|" + asOf + "|" + asRecorded));
    }

    /** The positions of one demand; never paged, as a demand involves a handful of parties. */
    @Schema(name = "PositionList", requiredProperties = "items")
    public record PositionList(List<PositionView> items) {
    }
}
