package dev.parley.http;

import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.parley.common.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * A caller that accepts only {@code application/problem+json} (generated clients and test suites
 * send it on calls they expect to fail, and on DELETEs) must get the problem or the empty answer,
 * not 406: resources declare {@code @Produces(application/json)}, and the REST layer refuses a
 * request by its Accept header while matching, before the resource could answer a problem or a
 * 204. This is the one place that decides it: such an Accept header is widened with
 * {@code * / *;q=0.01} before matching, so problems, empty answers and streams pass. A successful
 * GET then answers its JSON, which RFC 9110 (section 12.1) allows rather than a 406. Any other
 * unacceptable Accept still gets 406.
 */
@Singleton
public class ProblemAccept {

    static final String WIDENED = "*/*;q=0.01";

    void register(@Observes Router router) {
        router.route().order(-98).handler(context -> {
            String accept = context.request().getHeader(HttpHeaders.ACCEPT);
            if (accept != null && acceptsOnlyProblems(accept)) {
                context.request().headers().set(HttpHeaders.ACCEPT, accept + ", " + WIDENED);
            }
            context.next();
        });
    }

    /** Whether the header accepts problem+json but no JSON answer, nor any type at all. */
    static boolean acceptsOnlyProblems(String accept) {
        boolean problem = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (refused(parts)) {
                continue;
            }
            switch (type) {
                case Problem.MEDIA_TYPE -> problem = true;
                case "application/json", "application/*", "*/*", "*" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return problem;
    }

    /** A range with {@code q=0} is one the caller refuses. */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
