package dev.parley.etag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose representation is made of the given version scopes (see {@link
 * Scopes} and each feature's {@code *Changes} file). On a GET, {@link ConditionalGet} gives the
 * answer a strong ETag and answers a matching If-None-Match with 304 from the versions alone. On a
 * PATCH, PUT or DELETE it requires If-Match with the ETag a GET of the same path carries ({@link
 * IfMatch}): the write must go through the change log, which checks it, or its 2xx is refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Versioned {

    /** Scope names or templates such as {@code "party:{slug}"}. */
    String[] value();
}
