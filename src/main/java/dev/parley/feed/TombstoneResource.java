package dev.parley.feed;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import dev.parley.common.ApiException;
import dev.parley.common.Dates;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;

@Path("/api/v1/tombstones")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Changes")
public class TombstoneResource {

    private final ChangeFeed feed;

    TombstoneResource(ChangeFeed feed) {
        this.feed = feed;
    }

    @GET
    @Versioned(Scopes.ALL)
    @Operation(operationId = "listTombstones", summary = "Deletions, for good", description = "Every party and demand deleted, in the order of deletion, kept after the change feed's retention window has dropped the change: a consumer whose cursor expired (410) lists the resources again and drops what is listed here since its last sync.")
    @APIResponse(responseCode = "200", description = "A page of tombstones.")
    public Page<TombstoneView> list(
            @Parameter(description = "Only deletions at or after this instant (RFC 3339).", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("since") String since,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        Instant from = instant(since);
        PageRequest page = PageRequest.of(pageSize, pageToken, "tombstones|" + from);
        long after;
        try {
            after = page.after() == null ? 0 : Long.parseLong(page.after());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token",
                    "page_token is not a token this service issued.",
                    List.of(new FieldError("page_token", "is not a token this service issued")));
        }
        return page.page(feed.tombstones(from, after, page.fetchSize()), t -> Long.toString(t.id()));
    }

    private static Instant instant(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(raw);
            if (Dates.supported(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw InvalidRequest.badParameter("since", "must be an RFC 3339 instant such as 2022-02-17T09:30:00Z");
    }
}
