package dev.parley.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that checks its caller itself: the web app's sign-in (which takes the API key in a
 * form) and sign-out (which checks the session's CSRF token in the form). Authentication leaves it
 * alone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignsIn {
}
