package dev.parley.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a POST resource method that honours Idempotency-Key ({@link Idempotency}) and runs in one
 * transaction of its own, whether or not the header was sent. The method returns a {@code
 * RestResponse}, which is what a retry with the same key and body gets again. The request body is
 * its one parameter without a JAX-RS annotation; a method without one is keyed by its path
 * parameters.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

    /** Seconds the method's transaction may take; 0 for the default timeout. */
    @Nonbinding
    int transactionTimeout() default 0;
}
