package dev.parley.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GET whose answer is made of the given version scopes (see {@link Scopes}); {@link
 * ConditionalGet} gives it a strong ETag and answers a matching If-None-Match with 304 from the
 * versions alone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Versioned {

    /** Scope names or templates such as {@code "party:{slug}"}. */
    String[] value();

    /**
     * Whether the answer's format follows the Accept header: then Accept is part of the tag, so
     * each representation has its own (RFC 9110 8.8.3), and the answer varies by it.
     */
    boolean negotiated() default false;

    /**
     * More scopes the answer is made of when the request names {@code include=}: what a list
     * embeds then moves with other writes than the list itself.
     */
    String[] included() default {};
}
