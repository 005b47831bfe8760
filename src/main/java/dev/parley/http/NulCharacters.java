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
 * Refuses a path or query holding an encoded NUL (%00) with 400 as problem+json. PostgreSQL cannot
 * take U+0000 in a text parameter, so wherever a slug, id, filter or token reached a query it
 * failed as a 500; no valid one contains it. Bodies are checked as they are read
 * ({@link JsonStrictness}).
 */
@Singleton
public class NulCharacters {

    private final String problem;

    NulCharacters(ObjectMapper mapper) throws JsonProcessingException {
        this.problem = mapper.writeValueAsString(new ApiException(400, "INVALID_PARAMETER", "Invalid parameter",
                "The path or query holds an encoded NUL character (%00), which no slug, id, filter or token contains.")
                .toProblem());
    }

    void register(@Observes Router router) {
        router.route().order(-99).handler(context -> {
            if (context.request().uri().contains("%00")) {
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(problem);
                return;
            }
            context.next();
        });
    }
}
