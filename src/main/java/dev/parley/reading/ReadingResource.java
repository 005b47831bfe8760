package dev.parley.reading;

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

import dev.parley.common.Api;
import dev.parley.common.Dates;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.demand.ReadAt;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;

/**
 * Readings of a negotiation over time. Each is made of the matrix's version scope, which every
 * demand, stance and negotiation write moves, so each carries the matrix's ETag rules.
 */
@Path("/api/v1/negotiations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Negotiations")
public class ReadingResource {

    private final ReadingService service;

    ReadingResource(ReadingService service) {
        this.service = service;
    }

    @GET
    @Versioned(Scopes.MATRIX)
    @Path("/{slug}/diff")
    @Operation(operationId = "getNegotiationDiff", summary = "What moved between two days", description = """
            Compares the matrix as of `from` with the matrix as of `to` (each cell is the stance whose \
            effective_on is the latest on or before the day, as in the matrix): the cells whose status differs, \
            the demands whose derived status differs, the demands tabled after `from` and on or before `to`, \
            and those their proposer withdrew in between. A cell of a demand tabled in between counts as \
            UNASSESSED on `from`. Without `from`, the negotiation's start (or its first tabling or stance, if \
            earlier); without `to`, its end, or while it runs the last day anything took effect: never \
            \"today\", so the answer and its ETag change only when the data does. A dashboard keeps the \
            ETag and asks again with If-None-Match: 304 while nothing it shows has changed.""")
    @APIResponse(responseCode = "200", description = "The difference.")
    public DiffView diff(@PathParam("slug") String slug,
            @Parameter(description = "The earlier day, YYYY-MM-DD.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "The later day, YYYY-MM-DD; not before `from`.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded) {
        return service.diff(slug, Dates.parseParameter("from", from), Dates.parseParameter("to", to),
                Dates.parseInstantParameter("as_recorded", asRecorded));
    }

    @GET
    @Versioned(Scopes.MATRIX)
    @Path("/{slug}/timeline")
    @Operation(operationId = "getNegotiationTimeline", summary = "A negotiation's timeline", description = """
            The negotiation's events and every recorded stance, by day (an event's occurred_on, a stance's \
            effective_on); on one day the events first, by id, then the stances in recording order. Paged \
            like every list (keyset tokens).""")
    @APIResponse(responseCode = "200", description = "A page of the timeline.")
    public Page<TimelineItem> timeline(@PathParam("slug") String slug,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded) {
        return service.timeline(slug, Dates.parseInstantParameter("as_recorded", asRecorded),
                PageRequest.of(pageSize, pageToken, "timeline|" + slug + (asRecorded == null ? "" : "|" + asRecorded)));
    }

    @GET
    @Versioned(Scopes.MATRIX)
    @Path("/{slug}/series")
    @Operation(operationId = "getNegotiationSeries", summary = "Status counts over time", description = """
            One point per day, week (Monday to Sunday) or month of the range, each counting statuses as they \
            stood on the point's `end` day: with by=demand_status the demands tabled by then per derived \
            status, with by=party each participant's positions per stance. The range defaults to the \
            negotiation's start (or its first tabling or stance, if earlier) through its end, or through \
            the last day anything took effect while it runs; it is never \"today\", so the answer and its \
            ETag change only when the data does. At most 1000 points (400 beyond).""")
    @APIResponse(responseCode = "200", description = "The series.")
    public SeriesView series(@PathParam("slug") String slug,
            @Parameter(description = "The length of each point; week by default.", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "day", "week", "month" })) @QueryParam("interval") String interval,
            @Parameter(description = "What is counted; demand_status by default.", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "demand_status", "party" })) @QueryParam("by") String by,
            @Parameter(description = "The first day, YYYY-MM-DD.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "The last day, YYYY-MM-DD; not before `from`.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded) {
        return service.series(slug, interval, by, Dates.parseParameter("from", from), Dates.parseParameter("to", to),
                Dates.parseInstantParameter("as_recorded", asRecorded));
    }

    @GET
    @Versioned(Scopes.MATRIX)
    @Path("/{slug}/milestones")
    @Operation(operationId = "getNegotiationMilestones", summary = "First day each party reached each status", description = """
            For each participant and each stance it ever held on a demand of the negotiation, the earliest \
            effective_on, the demand and the change. A stance replaced on its own day by a later recorded \
            one never held and does not count.""")
    @APIResponse(responseCode = "200", description = "The milestones.")
    public MilestonesView milestones(@PathParam("slug") String slug,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded) {
        return service.milestones(slug, Dates.parseInstantParameter("as_recorded", asRecorded));
    }

    @GET
    @Versioned(Scopes.MATRIX)
    @Path("/{slug}/alignment")
    @Operation(operationId = "getNegotiationAlignment", summary = "How far each pair of parties stands the same way", description = Leaning.RULE)
    @APIResponse(responseCode = "200", description = "The alignment of every pair of participants.")
    public AlignmentView alignment(@PathParam("slug") String slug,
            @Parameter(description = "A calendar day, YYYY-MM-DD; the current stances without it.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("as_of") String asOf,
            @Parameter(description = ReadAt.AS_RECORDED, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("as_recorded") String asRecorded) {
        ReadAt at = ReadAt.of(asOf, asRecorded);
        return service.alignment(slug, at.asOf(), at.asRecorded());
    }
}
