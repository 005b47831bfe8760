package dev.parley.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.parley.common.Api;
import dev.parley.common.PageRequest;
import dev.parley.etag.Scopes;
import dev.parley.etag.VersionStore;
import dev.parley.etag.Versioned;

@Path("/api/v1/changes")
@Tag(name = "Changes")
public class ChangeResource {

    private final ChangeFeed feed;
    private final ChangeStream stream;
    private final VersionStore versions;

    ChangeResource(ChangeFeed feed, ChangeStream stream, VersionStore versions) {
        this.feed = feed;
        this.stream = stream;
        this.versions = versions;
    }

    @GET
    // Pruning moves where a page without after starts and turns old cursors into 410s.
    @Versioned({ Scopes.ALL, Scopes.RETAINED })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listChanges", summary = "Read the change feed", description = "Every create, update, delete and stance change, in commit order. Without after, starts at the oldest change retained. Ask again with after=next_cursor; the page is empty when nothing is new. A cursor older than the retention window (7 days by default) gives 410: list the resources again and start over.")
    @APIResponse(responseCode = "200", description = "A page of changes.")
    @APIResponse(responseCode = "410", description = "The cursor is past the retention window.", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public ChangePage list(
            @Parameter(description = "A cursor from an earlier page or event.") @QueryParam("after") String after,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize) {
        return feed.page(after == null || after.isEmpty() ? null : after, PageRequest.of(pageSize, null, "").size());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamChanges", summary = "Stream changes as server-sent events", description = "Each event has id: the change's cursor, event: its type and data: the change as JSON. The stream first sends retry: (the reconnection delay) and a comment, then a comment line at least every 15 s while idle. Reconnect with Last-Event-ID (or after=) to get every later change exactly once, in order; without either the stream starts with changes made from now on. When the cursor is past the retention window the stream sends one event: reset and closes: list the resources again and reconnect without Last-Event-ID. Changes written through any replica reach subscribers of every replica.")
    @APIResponse(responseCode = "200", description = "The event stream.", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING, examples = "id: YzE6NDI\nevent: position.changed\ndata: {\"cursor\":\"YzE6NDI\",\"type\":\"position.changed\",...}\n\n")))
    public void stream(
            @Parameter(description = "The id of the last event received; takes precedence over after.") @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "A cursor to resume after.") @QueryParam("after") String after,
            @Context SseEventSink sink, @Context Sse sse) {
        String resume = lastEventId != null && !lastEventId.isEmpty() ? lastEventId
                : after != null && !after.isEmpty() ? after : null;
        String parameter = lastEventId != null && !lastEventId.isEmpty() ? "Last-Event-ID" : "after";
        long cursor = resume == null ? versions.lastCursor() : feed.decode(resume, parameter);
        stream.subscribe(sink, sse, cursor);
    }
}
