package dev.parley.etag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.RequestScoped;

import dev.parley.common.ApiException;
import dev.parley.common.FieldError;

/**
 * The If-Match a PATCH, PUT or DELETE came with, and what it must match: the ETag a GET of the same
 * path would carry. {@link ConditionalGet} records it; the change log checks it under the cursor
 * lock ({@link Versions#check}), where no other write can move the versions, so of two writers racing with one ETag exactly
 * one wins. It also keeps the resource's new ETag for the answer.
 * <p>
 * It fails closed: a versioned write that answers 2xx without its If-Match checked (a service that
 * wrote without the change log) is refused by {@link ConditionalGet#tag} with an
 * IllegalStateException, so the hole shows as a 500 in the first test that exercises it.
 */
@RequestScoped
class IfMatch {

    private String path;
    private List<String> scopes;
    private String ifMatch;
    private boolean checked;
    private Map<String, Long> verified;
    private String newTag;
    private final List<Item> items = new ArrayList<>();

    /** A resource a write names in its body, with the ETag its caller last read. */
    private record Item(String pointer, String path, List<String> scopes, String ifMatch) {
    }

    void expect(String path, List<String> scopes, String ifMatch) {
        this.path = path;
        this.scopes = scopes;
        this.ifMatch = ifMatch;
    }

    void expectItem(String pointer, String path, List<String> scopes, String ifMatch) {
        items.add(new Item(pointer, path, scopes, ifMatch));
    }

    /** Called by the change log while it holds the cursor lock, before it moves any version. */
    void verify(VersionStore versions) {
        verified = null;
        verifyItems(versions);
        if (path == null || checked) {
            return;
        }
        checked = true;
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(428, "PRECONDITION_REQUIRED", "Precondition required",
                    "Send If-Match with the ETag of the resource as last read, so a change made meanwhile is not overwritten.");
        }
        verified = versions.versions(scopes);
        String current = ConditionalGet.tag(verified, path, null);
        boolean matches = Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals(current) || tag.equals("*"));
        if (!matches) {
            throw new ApiException(412, "PRECONDITION_FAILED", "Precondition failed",
                    "The resource changed since the ETag given in If-Match (weak ETags never match); read it again and reapply the change.");
        }
    }

    /** The items' ETags, in one read of the versions; the first stale one is refused. */
    private void verifyItems(VersionStore versions) {
        if (items.isEmpty()) {
            return;
        }
        List<Item> pending = List.copyOf(items);
        items.clear();
        Map<String, Long> all = versions.versions(pending.stream().flatMap(i -> i.scopes().stream()).distinct().toList());
        for (Item item : pending) {
            Map<String, Long> own = new TreeMap<>();
            item.scopes().forEach(scope -> own.put(scope, all.get(scope)));
            String current = ConditionalGet.tag(own, item.path(), null);
            if (Arrays.stream(item.ifMatch().split(",")).map(String::trim)
                    .noneMatch(tag -> tag.equals(current) || tag.equals("*"))) {
                throw new ApiException(412, "PRECONDITION_FAILED", "Precondition failed", item.pointer()
                        + ": the position changed since this ETag (weak ETags never match); read it again and reapply the change.",
                        List.of(new FieldError(item.pointer(), "is not the current ETag of " + item.path())));
            }
        }
    }

    /**
     * Called by the change log after it moved {@code moved} to {@code version}, still under the
     * lock: the ETag the resource has now. The versions verified under this lock are current but
     * for the ones just moved, so no query is needed.
     */
    void retag(VersionStore versions, Collection<String> moved, long version) {
        if (path == null) {
            return;
        }
        Map<String, Long> now;
        if (verified == null) {
            now = versions.versions(scopes);
        } else {
            now = new TreeMap<>(verified);
            now.replaceAll((scope, v) -> moved.contains(scope) || Scopes.ALL.equals(scope) ? version : v);
            verified = null;
        }
        newTag = ConditionalGet.tag(now, path, null);
    }

    /** Whether this is a versioned write whose If-Match was registered but never checked. */
    boolean unchecked() {
        return path != null && !checked;
    }

    String newTag() {
        return newTag;
    }
}
