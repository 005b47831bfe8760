package dev.parley.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkus.test.junit.QuarkusTestExtension;

/**
 * Lets Jazzer fuzz a {@code @QuarkusTest}: put {@code @ExtendWith(JazzerFirst.class)} on the class
 * before {@code @QuarkusTest}, and {@code @FuzzTest} invocations go to Jazzer before Quarkus sees
 * them. Quarkus runs every test-template invocation itself and skips the interceptors behind it,
 * and Jazzer's sits behind it (registered by the method's annotation, after the class's
 * {@code @QuarkusTest}): in fuzzing mode Quarkus would then call the method once with Jazzer's
 * placeholder arguments instead of letting Jazzer start the fuzzer. In front, Jazzer starts the
 * fuzzer on the marked invocation and passes every other one (the committed inputs) on to Quarkus.
 */
public class JazzerFirst implements InvocationInterceptor, BeforeAllCallback {

    private static final InvocationInterceptor JAZZER = jazzer();

    /** The extension registered first intercepts first; registered after Quarkus's, this one would see nothing. */
    @Override
    public void beforeAll(ExtensionContext context) {
        List<Class<?>> order = AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(), ExtendWith.class)
                .stream().flatMap(e -> Arrays.stream(e.value())).<Class<?>> map(c -> c).toList();
        if (order.indexOf(JazzerFirst.class) > order.indexOf(QuarkusTestExtension.class)) {
            throw new IllegalStateException(context.getRequiredTestClass().getName()
                    + ": @ExtendWith(JazzerFirst.class) must come before @QuarkusTest");
        }
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
            throws Throwable {
        if (AnnotationSupport.isAnnotated(invocationContext.getExecutable(), FuzzTest.class)) {
            JAZZER.interceptTestTemplateMethod(invocation, invocationContext, extensionContext);
        } else {
            invocation.proceed();
        }
    }

    /** The very extension class {@code @FuzzTest} registers; it is package-private in Jazzer. */
    private static InvocationInterceptor jazzer() {
        Class<? extends Extension> type = FuzzTest.class.getAnnotation(ExtendWith.class).value()[0];
        try {
            Constructor<? extends Extension> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (InvocationInterceptor) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Jazzer's JUnit extension changed shape: " + type, e);
        }
    }
}
