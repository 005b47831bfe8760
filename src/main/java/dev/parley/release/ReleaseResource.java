package dev.parley.release;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.parley.bundle.Bundle;
import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.RequestValidator;
import dev.parley.export.ExportService;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/releases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bundles")
public class ReleaseResource {

    /** A release's bytes never change: any cache may keep them for a year without asking again. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final ReleaseService service;
    private final RequestValidator validator;

    ReleaseResource(ReleaseService service, RequestValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @POST
    @Requires(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRelease", summary = "Freeze a release", description = "Writes the JSON bundle of the whole data set, or of one negotiation, once and keeps it for good with the SHA-256 of its bytes: a citable snapshot whose export never changes.")
    @APIResponse(responseCode = "201", description = "Frozen.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = ReleaseView.class)))
    @Idempotent(transactionTimeout = 1800)
    public RestResponse<ReleaseView> create(ReleaseRequest request, @Context UriInfo uri) {
        ReleaseView release = service.create(validator.check(request), ExportService.base(uri));
        return RestResponse.ResponseBuilder.<ReleaseView> created(URI.create("/api/v1/releases/" + release.id()))
                .entity(release).build();
    }

    @GET
    @Operation(operationId = "listReleases", summary = "List releases", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "A page of releases.")
    public Page<ReleaseView> list(@Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.list(PageRequest.of(pageSize, pageToken, "releases"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getRelease", summary = "Get a release", description = "What it holds and its SHA-256; immutable.")
    @APIResponse(responseCode = "200", description = "The release.", headers = {
            @Header(name = "ETag", description = "The release's SHA-256, strong.", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = IMMUTABLE, schema = @Schema(type = SchemaType.STRING)) }, content = @Content(schema = @Schema(implementation = ReleaseView.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match named its ETag.")
    public Response get(@PathParam("id") String id,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ReleaseView release = service.require(id);
        return immutable(ifNoneMatch, "\"" + release.sha256() + "-meta\"", Response.ok(release));
    }

    @GET
    @Path("/{id}/export")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getReleaseExport", summary = "A release's export", description = "The bytes frozen when the release was made, whose SHA-256 the release names; the same for ever.")
    @APIResponse(responseCode = "200", description = "The frozen bundle.", headers = {
            @Header(name = "ETag", description = "The SHA-256 of the bytes, strong.", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = IMMUTABLE, schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Digest", description = "sha-256 of the bytes, base64 (RFC 3230).", schema = @Schema(type = SchemaType.STRING)) }, content = @Content(schema = @Schema(implementation = Bundle.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match named its ETag.")
    public Response export(@PathParam("id") String id,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ReleaseView release = service.require(id);
        StreamingOutput body = out -> service.write(id, out);
        return immutable(ifNoneMatch, "\"" + release.sha256() + "\"",
                Response.ok(body, release.mediaType()).header("Digest", "sha-256="
                        + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(release.sha256())))
                        .header(HttpHeaders.CONTENT_LENGTH, release.sizeBytes()));
    }

    private static Response immutable(String ifNoneMatch, String etag, Response.ResponseBuilder ok) {
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                    .build();
        }
        return ok.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, IMMUTABLE).build();
    }
}
