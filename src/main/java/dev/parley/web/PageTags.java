package dev.parley.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.parley.etag.VersionCache;
import dev.parley.security.SignedIn;
import io.quarkus.qute.TemplateInstance;

/**
 * ETags and 304s for pages, from the same version scopes as the API answers they show: a page's tag
 * is a hash of those versions (read before rendering, so a tag is never newer than its page), of the
 * URI, of the build and of who is signed in (the header names them).
 */
@ApplicationScoped
public class PageTags {

    static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");
    static final String CACHE_CONTROL = "private, no-cache";

    private final VersionCache versions;
    private final SignedIn signedIn;
    private final String build;

    PageTags(VersionCache versions, SignedIn signedIn,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String build) {
        this.versions = versions;
        this.signedIn = signedIn;
        this.build = build;
    }

    /**
     * 304 when If-None-Match holds the page's tag, else the page rendered, with its tag. The render
     * function gets the versions the tag was made from, to tag parts of the page it embeds.
     */
    public Response page(Request request, UriInfo uri, List<String> scopes,
            Function<Map<String, Long>, TemplateInstance> render) {
        return page(request, uri, versions.current(scopes), render);
    }

    /**
     * The same, for a page whose scopes depend on what it shows (a demand's negotiation): the first
     * scopes' versions are read before {@code later} loads anything, and the later ones before rendering.
     */
    public Response page(Request request, UriInfo uri, List<String> scopes, Supplier<List<String>> later,
            Function<Map<String, Long>, TemplateInstance> render) {
        Map<String, Long> current = new LinkedHashMap<>(versions.current(scopes));
        current.putAll(versions.current(later.get()));
        return page(request, uri, current, render);
    }

    private Response page(Request request, UriInfo uri, Map<String, Long> current,
            Function<Map<String, Long>, TemplateInstance> render) {
        EntityTag tag = new EntityTag(tag(uri.getRequestUri().getRawPath(), uri.getRequestUri().getRawQuery(), current));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified
                : Response.ok(render.apply(current).render(), HTML);
        return builder.tag(tag)
                .cacheControl(CacheControl.valueOf(CACHE_CONTROL))
                .header(HttpHeaders.VARY, "Cookie, Authorization")
                .build();
    }

    /** The tag (without quotes) a GET of that path and query answers while the versions stand. */
    public String tag(String rawPath, String rawQuery, Map<String, Long> current) {
        StringBuilder basis = new StringBuilder(build).append('|').append(rawPath).append('?').append(rawQuery)
                .append('|').append(signedIn.session().map(s -> s.tokenHash).orElse(""));
        current.forEach((scope, version) -> basis.append('|').append(scope).append('=').append(version));
        return hash(basis.toString());
    }

    /** Forms carry a fresh Idempotency-Key each time: never stored, never revalidated. */
    public static Response form(TemplateInstance page) {
        return form(200, page);
    }

    public static Response form(int status, TemplateInstance page) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status).entity(page.render()).type(HTML).cacheControl(noStore).build();
    }

    private static String hash(String basis) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
