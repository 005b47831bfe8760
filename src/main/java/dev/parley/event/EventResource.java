package dev.parley.event;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.common.Api;
import dev.parley.common.Idempotency;
import dev.parley.common.MergePatch;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.RequestValidator;
import dev.parley.common.Scopes;
import dev.parley.common.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/negotiations/{slug}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private final EventService service;
    private final RequestValidator validator;
    private final Idempotency idempotency;
    private final MergePatch mergePatch;

    EventResource(EventService service, RequestValidator validator, MergePatch mergePatch, Idempotency idempotency) {
        this.service = service;
        this.validator = validator;
        this.idempotency = idempotency;
        this.mergePatch = mergePatch;
    }

    @GET
    @Versioned(Scopes.EVENTS)
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
    public Response create(@PathParam("slug") String slug,
            @Parameter(hidden = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey, EventRequest request) {
        return idempotency.run(idempotencyKey, request, () -> {
            NegotiationEvent event = service.create(slug, validator.check(request));
            return Response.created(URI.create("/api/v1/negotiations/" + slug + "/events/" + event.id))
                    .entity(EventView.from(event)).build();
        });
    }

    @GET
    @Versioned(Scopes.EVENT)
    @Path("/{id}")
    @Operation(operationId = "getEvent", summary = "Get an event", description = "Addressed by its server-assigned id under its negotiation.")
    @APIResponse(responseCode = "200", description = "The event.")
    public EventView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        return EventView.from(service.require(slug, id));
    }

    @PATCH
    @Versioned(Scopes.EVENT)
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
