package dev.parley.http;

import java.io.CharConversionException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.parley.common.ApiException;
import dev.parley.common.Conflict;
import dev.parley.common.InvalidRequest;
import dev.parley.common.MergePatch;
import dev.parley.common.Problem;
import io.vertx.core.http.HttpClosedException;

/** The one place where exceptions become problem+json; nothing else writes an error body. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.toProblem());
    }

    // Quarkus ships mappers for these Jackson subtypes, and the closest type wins, so each is named.
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return json(e);
    }

    /**
     * A body Jackson cannot even decode: leading NUL bytes, say, make it read the body as UTF-32,
     * and a character past U+10FFFF is no character. The client sent malformed JSON.
     */
    @ServerExceptionMapper
    public Response undecodable(CharConversionException e) {
        return respond(malformed());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return respond(malformed());
        }
        String pointer = e instanceof JsonMappingException m ? pointer(m) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown member '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() == String.class) {
            message = "must not contain the NUL character (U+0000)";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            message = "is not a valid " + describe(f.getTargetType());
        } else {
            message = "has the wrong type";
        }
        return respond(new InvalidRequest(pointer.isEmpty() ? "/" : pointer, message).toProblem());
    }

    @ServerExceptionMapper
    public Response patch(MergePatch.PatchRejected e) {
        return json(e.json());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // Quarkus wraps the JSON reader's parse failures in a bare 400; they get their own code and pointer.
            return json(json);
        }
        Problem problem = switch (status) {
            case 404 -> new ApiException(404, "NOT_FOUND", "Not found", "No resource at this path.").toProblem();
            case 405 -> new ApiException(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                    "This resource does not support the method.").toProblem();
            case 406 -> new ApiException(406, "NOT_ACCEPTABLE", "Not acceptable",
                    "This resource answers only application/json (problems as application/problem+json).").toProblem();
            case 415 -> new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "This operation does not accept the request's Content-Type.").toProblem();
            case 400 -> new ApiException(400, "BAD_REQUEST", "Bad request", "The request could not be understood.")
                    .toProblem();
            default -> status >= 500 ? internal(e)
                    : new ApiException(status, "HTTP_" + status, "Request failed", "The request failed.").toProblem();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                // Refused in the commit step (a stale If-Match): the transaction rolled back around it.
                return respond(api.toProblem());
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException) {
                // The client hung up while its body was read: nobody is left to answer, and it is not a fault here.
                LOG.debugf("The client closed the connection before its request body was read: %s", cause.getMessage());
                return respond(new ApiException(400, "INCOMPLETE_BODY", "Incomplete body",
                        "The connection closed before the whole request body arrived.").toProblem());
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException) {
                // A race lost to a concurrent write (two creates of one slug): the database said no.
                return respond(
                        new Conflict("CONFLICT", "The change clashes with one made at the same time; read and try again.")
                                .toProblem());
            }
        }
        return respond(internal(e));
    }

    private static Problem malformed() {
        return new ApiException(400, "MALFORMED_JSON", "Malformed JSON", "The request body is not well-formed JSON.")
                .toProblem();
    }

    private static Problem internal(Throwable e) {
        String incident = RequestIds.current() != null ? RequestIds.current() : UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return new Problem(ApiException.typeOf("INTERNAL_ERROR"), "Internal error", 500,
                "The service failed to answer; the incident is logged under request id " + incident + ".",
                "INTERNAL_ERROR", null);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/');
            if (ref.getFieldName() != null) {
                pointer.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String describe(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime" -> "timestamp (RFC 3339)";
            case "Integer", "Long", "int", "long" -> "integer";
            case "Boolean", "boolean" -> "boolean";
            case "List", "Set" -> "array";
            default -> "value";
        };
    }

}
