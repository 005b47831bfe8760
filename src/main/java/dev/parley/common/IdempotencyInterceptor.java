package dev.parley.common;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Runs an {@link Idempotent} resource method through {@link Idempotency}: outside any transaction of
 * its own, so that the operation and the record of its answer commit together.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class IdempotencyInterceptor {

    private final Idempotency idempotency;
    private final CurrentVertxRequest request;

    IdempotencyInterceptor(Idempotency idempotency, CurrentVertxRequest request) {
        this.idempotency = idempotency;
        this.request = request;
    }

    @AroundInvoke
    Object run(InvocationContext invocation) {
        String key = request.getCurrent().request().getHeader(Idempotency.HEADER);
        Idempotent idempotent = invocation.getMethod().getAnnotation(Idempotent.class);
        int timeout = idempotent == null ? 0 : idempotent.transactionTimeout();
        return idempotency.run(key, body(invocation), timeout, () -> proceed(invocation));
    }

    private static RestResponse<?> proceed(InvocationContext invocation) {
        try {
            return (RestResponse<?>) invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request body, or for a POST without one the path parameters that name what it acts on. */
    private static Object body(InvocationContext invocation) {
        Annotation[][] annotations = invocation.getMethod().getParameterAnnotations();
        Object[] arguments = invocation.getParameters();
        List<String> path = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            if (has(annotations[i], PathParam.class)) {
                path.add(String.valueOf(arguments[i]));
            } else if (!jaxRs(annotations[i])) {
                return arguments[i];
            }
        }
        return String.join("/", path);
    }

    private static boolean jaxRs(Annotation[] annotations) {
        return has(annotations, PathParam.class) || has(annotations, QueryParam.class)
                || has(annotations, HeaderParam.class) || has(annotations, CookieParam.class)
                || has(annotations, MatrixParam.class) || has(annotations, FormParam.class)
                || has(annotations, BeanParam.class) || has(annotations, Context.class);
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType() == type) {
                return true;
            }
        }
        return false;
    }
}
