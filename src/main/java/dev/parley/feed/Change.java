package dev.parley.feed;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change for the log: what happened, to which subject, the subject's view as it is now, and
 * the version scopes whose representations it changes (their ETags move with it). Each feature
 * makes its changes in one package-private {@code *Changes} file, beside the read-side scopes of
 * its {@code @Versioned} GETs.
 */
public record Change(ChangeType type, Subject subject, Object data, List<String> scopes) {

    public Change {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        if (!type.subjectKind().equals(subject.kind())) {
            throw new IllegalArgumentException(type + " is not about a " + subject.kind());
        }
        scopes = List.copyOf(scopes);
    }

    /** A deletion of a slug-addressed subject: the data names only the slug. */
    public static Change deleted(ChangeType type, String slug, List<String> scopes) {
        return new Change(type, Subject.slug(type.subjectKind(), slug), Map.of("slug", slug), scopes);
    }
}
