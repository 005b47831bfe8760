package dev.parley.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.ApiException;
import dev.parley.common.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses request bodies over 1 MiB with 413 as problem+json, before any of it is read. Bodies
 * sent without Content-Length are cut off by quarkus.http.limits.max-body-size instead.
 */
@Singleton
public class BodyLimit {

    public static final long MAX_BYTES = 1024 * 1024;

    private final String problem;

    BodyLimit(ObjectMapper mapper) throws JsonProcessingException {
        this.problem = mapper.writeValueAsString(new ApiException(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                "Request bodies may be at most 1 MiB (1048576 bytes).").toProblem());
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem);
                return;
            }
            context.next();
        });
    }

    private static boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
