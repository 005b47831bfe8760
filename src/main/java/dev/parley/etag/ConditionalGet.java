package dev.parley.etag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerRequest;

/**
 * ETags and 304s for every {@link Versioned} GET. The tag is a hash of the versions of the scopes
 * the answer is made of and of the request URI, so a 304 is decided from the versions alone,
 * without loading or serialising rows. Versions come from {@link VersionCache}: when it holds them
 * the answer is decided on the event loop, before any worker thread or query; otherwise after the
 * switch, reading the database. They are read before the resource loads its data, so a tag is
 * never newer than the body it goes with.
 * <p>
 * A 200 is served from the {@link ResponseCache} when a body is stored under its tag. A body is
 * stored only when the versions read from the database after rendering it are still those of the
 * tag: then no write touching it committed while it was rendered, and it is exactly the answer for
 * that tag.
 */
public class ConditionalGet {

    static final String ETAG = ConditionalGet.class.getName() + ".etag";
    private static final String RENDERED_AT = ConditionalGet.class.getName() + ".versions";
    private static final String CHECKED = ConditionalGet.class.getName() + ".checked";
    public static final String CACHE_CONTROL = "private, no-cache";

    private final VersionStore versions;
    private final VersionCache memory;
    private final IfMatch ifMatch;
    private final ResponseCache cache;
    private final ObjectMapper mapper;

    ConditionalGet(VersionStore versions, VersionCache memory, IfMatch ifMatch, ResponseCache cache,
            ObjectMapper mapper) {
        this.versions = versions;
        this.memory = memory;
        this.ifMatch = ifMatch;
        this.cache = cache;
        this.mapper = mapper;
    }

    /** On the event loop: a GET of an admitted caller whose versions are all held in memory. */
    @ServerRequestFilter(priority = Admission.CONDITIONAL, nonBlocking = true)
    public Response checkFromMemory(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Versioned versioned = versioned(resource);
        if (versioned == null || !Admission.admitted(request) || !HttpMethod.GET.equals(request.getMethod())) {
            return null;
        }
        List<String> scopes = scopes(versioned, request);
        Map<String, Long> current = memory.known(scopes);
        if (current == null) {
            return null;
        }
        request.setProperty(CHECKED, Boolean.TRUE);
        return answer(request, http, scopes, current);
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Versioned versioned = versioned(resource);
        if (versioned == null || request.getProperty(CHECKED) != null) {
            return null;
        }
        List<String> scopes = scopes(versioned, request);
        if (!HttpMethod.GET.equals(request.getMethod())) {
            ifMatch.expect(http.path(), scopes, request.getHeaderString(HttpHeaders.IF_MATCH));
            return null;
        }
        return answer(request, http, scopes, memory.current(scopes));
    }

    /** 304 for a matching If-None-Match, else the stored body, else null to render it. */
    private Response answer(ContainerRequestContext request, HttpServerRequest http, List<String> scopes,
            Map<String, Long> current) {
        // The raw path and query as Vert.x parsed them: building the request URI costs more than the rest.
        String etag = tag(current, http.path(), http.query());
        request.setProperty(ETAG, etag);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                    .build();
        }
        if (!cache.enabled()) {
            return null;
        }
        byte[] stored = cache.get(etag);
        if (stored != null) {
            return Response.ok(stored, MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                    .build();
        }
        request.setProperty(RENDERED_AT, new Rendering(scopes, current));
        return null;
    }

    private static Versioned versioned(ResourceInfo resource) {
        return resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Versioned.class);
    }

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) {
        Object etag = request.getProperty(ETAG);
        if (etag != null && response.getStatus() == 200) {
            if (request.getProperty(RENDERED_AT) instanceof Rendering rendering && response.hasEntity()) {
                store((String) etag, rendering, response);
            }
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
            response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        } else if (response.getStatus() / 100 == 2 && ifMatch.unchecked()) {
            throw new IllegalStateException(request.getMethod() + " " + request.getUriInfo().getPath()
                    + " wrote without the change log: its If-Match was never checked");
        } else if (response.getStatus() / 100 == 2 && ifMatch.newTag() != null) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, ifMatch.newTag());
        }
    }

    /** Writes the body here rather than in the JSON writer, and keeps it if it is the tag's answer. */
    private void store(String etag, Rendering rendering, ContainerResponseContext response) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(response.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view could not be written as JSON", e);
        }
        // The database, not memory: memory may not have seen a write that committed while this rendered.
        if (versions.versions(rendering.scopes()).equals(rendering.versions())) {
            cache.put(etag, body);
        }
        response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }

    private static List<String> scopes(Versioned versioned, ContainerRequestContext request) {
        List<String> scopes = new ArrayList<>();
        for (String template : versioned.value()) {
            String scope = template;
            for (Map.Entry<String, List<String>> param : request.getUriInfo().getPathParameters().entrySet()) {
                scope = scope.replace("{" + param.getKey() + "}", param.getValue().get(0));
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /** If-None-Match compares weakly (RFC 9110 13.1.2): W/ prefixes are ignored. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals(etag) || t.equals("*"));
    }

    /** The scopes a body is being rendered from, and their versions when it started. */
    private record Rendering(List<String> scopes, Map<String, Long> versions) {
    }

    static String tag(Map<String, Long> versions, String path, String query) {
        StringBuilder basis = new StringBuilder(path).append('?').append(query == null ? "" : query);
        versions.forEach((scope, version) -> basis.append('|').append(scope).append('=').append(version));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.toString().getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
