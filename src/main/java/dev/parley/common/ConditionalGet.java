package dev.parley.common;

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
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * ETags and 304s for every {@link Versioned} GET. The tag is a hash of the versions of the scopes
 * the answer is made of and of the request URI, so a 304 is decided by one small query, without
 * loading or serialising rows, and holds across replicas because the versions live in the
 * database. Versions are read before the resource loads its data, so a tag is never newer than
 * the body it goes with.
 */
public class ConditionalGet {

    static final String ETAG = ConditionalGet.class.getName() + ".etag";
    public static final String CACHE_CONTROL = "private, no-cache";

    private final VersionStore versions;
    private final WritePrecondition precondition;

    ConditionalGet(VersionStore versions, WritePrecondition precondition) {
        this.versions = versions;
        this.precondition = precondition;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, ResourceInfo resource) {
        Versioned versioned = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Versioned.class);
        if (versioned == null) {
            return null;
        }
        List<String> scopes = scopes(versioned, request);
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!HttpMethod.GET.equals(request.getMethod())) {
            precondition.expect(path, scopes, request.getHeaderString(HttpHeaders.IF_MATCH));
            return null;
        }
        String etag = tag(versions.versions(scopes), path, request.getUriInfo().getRequestUri().getRawQuery());
        request.setProperty(ETAG, etag);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                    .build();
        }
        return null;
    }

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) {
        Object etag = request.getProperty(ETAG);
        if (etag != null && response.getStatus() == 200) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
            response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        } else if (response.getStatus() / 100 == 2 && precondition.newTag() != null) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, precondition.newTag());
        }
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
