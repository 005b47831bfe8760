package dev.parley.security;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.parley.common.ApiException;
import dev.parley.common.Caller;
import dev.parley.common.ParleyConfig;
import dev.parley.common.Problem;
import dev.parley.etag.Admission;

/**
 * Bearer API keys and roles for every Parley endpoint, before anything else runs. No key, or an
 * unknown or revoked one: 401 with WWW-Authenticate; a key whose role is too low: 403. GETs may be
 * opened to anonymous callers by configuration. Anonymous callers and keys this replica checked
 * recently are decided on the event loop ({@link Admission}); a key it must look up, after the
 * switch to a worker thread.
 */
public class Authentication {

    static final String CHALLENGE = "Bearer realm=\"parley\"";
    private static final String DECIDED = Authentication.class.getName() + ".decided";

    private final ApiKeyService keys;
    private final Caller caller;
    private final ParleyConfig config;
    private final WebSessions sessions;
    private final SignedIn signedIn;

    Authentication(ApiKeyService keys, Caller caller, ParleyConfig config, WebSessions sessions, SignedIn signedIn) {
        this.keys = keys;
        this.caller = caller;
        this.config = config;
        this.sessions = sessions;
        this.signedIn = signedIn;
    }

    @ServerRequestFilter(priority = Admission.AUTHENTICATE, nonBlocking = true)
    public Response authenticateFromMemory(ContainerRequestContext request, ResourceInfo resource) {
        return authenticate(request, resource, false);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext request, ResourceInfo resource) {
        return decided(request) ? null : authenticate(request, resource, true);
    }

    /** Whether the first phase decided who is calling. */
    static boolean decided(ContainerRequestContext request) {
        return request.getProperty(DECIDED) != null;
    }

    /** Null to go on; without {@code mayQuery}, null without deciding when the key must be looked up. */
    private Response authenticate(ContainerRequestContext request, ResourceInfo resource, boolean mayQuery) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.getDeclaringClass().getPackageName().startsWith("dev.parley")) {
            return null;
        }
        Cookie cookie = request.getCookies().get(WebSessions.COOKIE);
        if (method.isAnnotationPresent(SignsIn.class)) {
            // The operation decides for itself; it only needs to know which session, if any, came along.
            if (cookie != null && mayQuery) {
                sessions.find(cookie.getValue()).ifPresent(signedIn::is);
            }
            return null;
        }
        Role required = required(request.getMethod(), method);
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if ((header == null || header.isBlank()) && cookie != null) {
            // A session is looked up in the database, so after the switch to a worker thread.
            return mayQuery ? fromSession(request, method, cookie.getValue(), required) : null;
        }
        if (header == null || header.isBlank()) {
            if (required == Role.READER && config.anonymousRead()) {
                request.setProperty(DECIDED, Boolean.TRUE);
                return null;
            }
            return isPage(method) ? signInFirst(request)
                    : unauthorized("This operation needs an API key: send Authorization: Bearer <key>.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return unauthorized("Send the API key as Authorization: Bearer <key>.");
        }
        String token = header.substring(7).trim();
        ApiKey key;
        if (mayQuery) {
            key = keys.authenticate(token).orElse(null);
        } else {
            ApiKeyService.Checked checked = keys.checkedRecently(token);
            if (checked == null) {
                return null;
            }
            key = checked.key();
        }
        request.setProperty(DECIDED, Boolean.TRUE);
        if (key == null) {
            return unauthorized("The API key is unknown or revoked.");
        }
        caller.authenticated(key.id, key.name);
        if (!key.role.covers(required)) {
            return problem(new ApiException(403, "FORBIDDEN", "Forbidden",
                    "This operation needs the " + required + " role; the key has " + key.role + "."), null);
        }
        return null;
    }

    /**
     * A browser signed in to the web app: its session stands for the API key it signed in with. A
     * write must also carry the session's CSRF token in a header, which no cross-site page can set.
     * An expired session reads like no credential at all.
     */
    private Response fromSession(ContainerRequestContext request, Method method, String token, Role required) {
        request.setProperty(DECIDED, Boolean.TRUE);
        WebSession web = sessions.find(token).orElse(null);
        boolean safe = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (web == null) {
            if (required == Role.READER && config.anonymousRead()) {
                return null;
            }
            return safe && isPage(method) ? signInFirst(request)
                    : unauthorized("The session is over or unknown: sign in again at /workbench.");
        }
        if (!safe && !WebSessions.csrfMatches(web, request.getHeaderString(WebSessions.CSRF_HEADER))) {
            return problem(new ApiException(403, "CSRF_TOKEN_MISSING", "Forbidden",
                    "A write from a signed-in browser must send the page's CSRF token in "
                            + WebSessions.CSRF_HEADER + ".",
                    List.of()), null);
        }
        signedIn.is(web);
        caller.authenticated(web.key.id, web.key.name);
        if (!web.key.role.covers(required)) {
            return problem(new ApiException(403, "FORBIDDEN", "Forbidden",
                    "This operation needs the " + required + " role; the key has " + web.key.role + "."), null);
        }
        return null;
    }

    /** The method's or class's {@link Requires}, else READER for GET and ADMIN for anything else. */
    static Role required(String httpMethod, Method method) {
        Requires requires = method.getAnnotation(Requires.class);
        if (requires == null) {
            requires = method.getDeclaringClass().getAnnotation(Requires.class);
        }
        if (requires != null) {
            return requires.value();
        }
        return HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod) ? Role.READER : Role.ADMIN;
    }

    /** A web page (it produces HTML) read by a browser with no session: the sign-in form, then back. */
    private static boolean isPage(Method method) {
        Produces produces = method.getDeclaringClass().getAnnotation(Produces.class);
        return produces != null && Arrays.asList(produces.value()).contains(MediaType.TEXT_HTML);
    }

    private static Response signInFirst(ContainerRequestContext request) {
        URI asked = request.getUriInfo().getRequestUri();
        String back = asked.getRawPath() + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery());
        return Response.seeOther(URI.create("/workbench?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8)))
                .build();
    }

    private static Response unauthorized(String detail) {
        return problem(new ApiException(401, "UNAUTHORIZED", "Unauthorized", detail, List.of()), CHALLENGE);
    }

    private static Response problem(ApiException e, String challenge) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem());
        if (challenge != null) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return builder.build();
    }
}
