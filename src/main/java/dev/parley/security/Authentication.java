package dev.parley.security;

import java.lang.reflect.Method;
import java.util.List;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
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

    Authentication(ApiKeyService keys, Caller caller, ParleyConfig config) {
        this.keys = keys;
        this.caller = caller;
        this.config = config;
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
        Role required = required(request.getMethod(), method);
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            if (required == Role.READER && config.anonymousRead()) {
                request.setProperty(DECIDED, Boolean.TRUE);
                return null;
            }
            return unauthorized("This operation needs an API key: send Authorization: Bearer <key>.");
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
