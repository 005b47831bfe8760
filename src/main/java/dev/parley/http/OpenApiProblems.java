package dev.parley.http;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import dev.parley.common.Api;
import dev.parley.common.MergePatch;

/**
 * Completes every operation of the generated document with what the shared machinery adds, so no
 * resource has to repeat it: the problem+json answers (400, 401, 403, 404, 406, 413, 415, 429,
 * 500), the conditional-GET headers and 304 that the etag package answers with, and a merge-patch
 * schema with nothing required for each PATCH body.
 */
public class OpenApiProblems implements OASFilter {

    private static final String SERVER_SENT_EVENTS = "text/event-stream";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean addressed = path.getKey().contains("{");
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                boolean hasBody = operation.getRequestBody() != null;
                boolean hasQuery = operation.getParameters() != null && !operation.getParameters().isEmpty();
                if (hasBody || hasQuery) {
                    add(operation, "400", "BadRequest");
                }
                if (addressed) {
                    add(operation, "404", "NotFound");
                }
                add(operation, "406", "NotAcceptable");
                if (hasBody) {
                    add(operation, "413", "PayloadTooLarge");
                    add(operation, "415", "UnsupportedMediaType");
                }
                add(operation, "500", "InternalError");
                if (path.getKey().startsWith(Api.BASE)) {
                    add(operation, "401", "Unauthorized");
                    add(operation, "403", "Forbidden");
                    add(operation, "429", "TooManyRequests");
                }
                boolean writes = entry.getKey() == PathItem.HttpMethod.PATCH || entry.getKey() == PathItem.HttpMethod.PUT
                        || entry.getKey() == PathItem.HttpMethod.DELETE;
                if (writes && addressed && path.getKey().startsWith(Api.BASE)) {
                    preconditioned(operation);
                }
                if (entry.getKey() == PathItem.HttpMethod.POST && path.getKey().startsWith(Api.BASE)) {
                    operation.addParameter(OASFactory.createParameter().ref("#/components/parameters/IdempotencyKey"));
                    add(operation, "409", "Conflict");
                    add(operation, "422", "IdempotencyKeyReused");
                }
                if (entry.getKey() == PathItem.HttpMethod.PATCH && hasBody) {
                    mergePatchBody(openAPI, operation.getRequestBody());
                }
                if (entry.getKey() == PathItem.HttpMethod.GET && path.getKey().startsWith(Api.BASE) && !streams(operation)) {
                    conditional(operation);
                }
            }
        }
    }

    /** Every JSON GET of the API is versioned: ETag and caching headers on 200, If-None-Match, 304. */
    private static void conditional(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok != null && ok.getRef() == null) {
            ok.addHeader("ETag", OASFactory.createHeader().ref("#/components/headers/ETag"));
            ok.addHeader("Cache-Control", OASFactory.createHeader().ref("#/components/headers/CacheControl"));
            ok.addHeader("Vary", OASFactory.createHeader().ref("#/components/headers/Vary"));
        }
        operation.addParameter(OASFactory.createParameter().ref("#/components/parameters/IfNoneMatch"));
        add(operation, "304", "NotModified");
    }

    /** PATCH, PUT and DELETE of an existing resource need If-Match (see IfMatch). */
    private static void preconditioned(Operation operation) {
        operation.addParameter(OASFactory.createParameter().ref("#/components/parameters/IfMatch"));
        add(operation, "412", "PreconditionFailed");
        add(operation, "428", "PreconditionRequired");
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getRef() == null) {
                response.addHeader("ETag", OASFactory.createHeader().ref("#/components/headers/ETag"));
            }
        });
    }

    private static boolean streams(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        return ok != null && ok.getContent() != null
                && ok.getContent().hasMediaType(SERVER_SENT_EVENTS);
    }

    private static void add(Operation operation, String status, String response) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        // SmallRye adds a bare "Bad Request" for validated parameters; a problem+json reference replaces it.
        if (existing == null || (existing.getRef() == null && existing.getContent() == null)) {
            operation.getResponses().addAPIResponse(status,
                    OASFactory.createAPIResponse().ref("#/components/responses/" + response));
        }
    }

    private static void mergePatchBody(OpenAPI openAPI, RequestBody body) {
        Content content = body.getContent();
        MediaType media = content.getMediaTypes().values().iterator().next();
        String ref = media.getSchema() == null ? null : media.getSchema().getRef();
        if (ref == null || !ref.endsWith("Request")) {
            return;
        }
        String requestName = ref.substring(ref.lastIndexOf('/') + 1);
        String patchName = requestName.substring(0, requestName.length() - "Request".length()) + "Patch";
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Schema request = schemas.get(requestName);
        if (request != null && !schemas.containsKey(patchName)) {
            Schema patch = OASFactory.createSchema()
                    .type(request.getType())
                    .description("JSON merge patch (RFC 7396) of " + requestName
                            + ": send only the members to change; null removes an optional member.")
                    .properties(request.getProperties())
                    .additionalPropertiesBoolean(Boolean.FALSE);
            openAPI.getComponents().addSchema(patchName, patch);
        }
        body.required(true).content(OASFactory.createContent().addMediaType(MergePatch.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/" + patchName))));
    }
}
