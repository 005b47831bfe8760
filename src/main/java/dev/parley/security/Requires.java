package dev.parley.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an operation needs, on a resource method or class. Without it a GET needs
 * {@link Role#READER} and any other method {@link Role#ADMIN}: a new write endpoint is closed
 * until someone opens it on purpose.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Requires {

    Role value();
}
