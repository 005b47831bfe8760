package dev.parley.security;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
@Requires(Role.ADMIN)
public class ApiKeyResource {

    private final ApiKeyService service;
    private final RequestValidator validator;

    ApiKeyResource(ApiKeyService service, RequestValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @GET
    @Versioned(Scopes.API_KEYS)
    @Operation(operationId = "listApiKeys", summary = "List API keys", description = "Ordered by id; never shows the keys themselves. Revoked keys stay listed with revoked_at.")
    @APIResponse(responseCode = "200", description = "A page of API keys.")
    public Page<ApiKeyView> list(
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.list(PageRequest.of(pageSize, pageToken, "api-keys")).map(ApiKeyView::from);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key", description = "The answer is the only time the key is shown; Parley stores only its SHA-256.")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    @Idempotent
    public RestResponse<CreatedApiKey> create(ApiKeyRequest request) {
        CreatedApiKey created = service.create(validator.check(request));
        return RestResponse.ResponseBuilder.<CreatedApiKey> created(URI.create("/api/v1/api-keys/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Versioned(Scopes.API_KEY)
    @Path("/{id}")
    @Operation(operationId = "getApiKey", summary = "Get an API key", description = "Its name, role, creation time and, once revoked, revoked_at. The key itself is never shown again after its creation.")
    @APIResponse(responseCode = "200", description = "The API key, without the key.")
    public ApiKeyView get(@PathParam("id") String id) {
        return ApiKeyView.from(service.require(id));
    }

    @DELETE
    @Versioned(Scopes.API_KEY)
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "The key stops working at once on this replica and within 5 s on the others; it stays listed with revoked_at. The last active admin key cannot be revoked (409).")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    public void revoke(@PathParam("id") String id) {
        service.revoke(id);
    }
}
