package dev.parley.http;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Gives every request an id: the caller's X-Request-Id when it is a sensible token, else a new
 * UUID. It is sent back on every response and stands in every log line of the request (MDC
 * {@code request_id}), so a problem report and the logs can be matched.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern ACCEPTED = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    void register(@Observes Router router) {
        router.route().order(-200).handler(context -> {
            String given = context.request().getHeader(HEADER);
            String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
            MDC.put(MDC_KEY, id);
            context.put(MDC_KEY, id);
            context.response().putHeader(HEADER, id);
            context.addEndHandler(done -> MDC.remove(MDC_KEY));
            context.next();
        });
    }

    /** The current request's id, when there is a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
