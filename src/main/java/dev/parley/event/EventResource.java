package dev.parley.event;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.MergePatch;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/negotiations/{slug}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private final EventService service;
    private final RequestValidator validator;
    private final MergePatch mergePatch;

    EventResource(EventService service, RequestValidator validator, MergePatch mergePatch) {
        this.service = service;
        this.validator = validator;
        this.mergePatch = mergePatch;
    }

    @GET
    @Versioned(EventChanges.EVENTS)
    @Operation(operationId = "listEvents", summary = "List the events of a negotiation", description = "The rounds of the negotiation (drafts tabled, written replies, notes, meetings, calls, statements, deadlines) in date order, then in the order they were recorded.")
    @APIResponse(responseCode = "200", description = "A page of events.")
    public Page<EventView> list(@PathParam("slug") String slug,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.list(slug, PageRequest.of(pageSize, pageToken, "events:" + slug)).map(EventView::from);
    }

    @POST
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEvent", summary = "Record an event of a negotiation", description = "The server assigns the id; stance changes name it in event_id. Parties must exist (any party may act, participant or not); document_ids are kept as given.")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = EventView.class)))
    @Idempotent
    public RestResponse<EventView> create(@PathParam("slug") String slug, EventRequest request) {
        NegotiationEvent event = service.create(slug, validator.check(request));
        return RestResponse.ResponseBuilder.<EventView> created(
                URI.create("/api/v1/negotiations/" + slug + "/events/" + event.id)).entity(EventView.from(event)).build();
    }

    @GET
    @Versioned(EventChanges.EVENT)
    @Path("/{id}")
    @Operation(operationId = "getEvent", summary = "Get an event", description = "Addressed by its server-assigned id under its negotiation.")
    @APIResponse(responseCode = "200", description = "The event.")
    public EventView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        return EventView.from(service.require(slug, id));
    }

    @PATCH
    @Versioned(EventChanges.EVENT)
    @Requires(Role.ANALYST)
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "updateEvent", summary = "Change an event", description = "JSON merge patch (RFC 7396).")
    @APIResponse(responseCode = "200", description = "The changed event.")
    public EventView update(@PathParam("slug") String slug, @PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(implementation = EventRequest.class))) JsonNode patch) {
        return EventView.from(service.update(slug, id,
                current -> validator.check(mergePatch.apply(current, patch, EventRequest.class))));
    }
}
