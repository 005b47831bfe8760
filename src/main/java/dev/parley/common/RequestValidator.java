package dev.parley.common;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Checks a request record's Bean Validation constraints and reports every violation as a JSON
 * Pointer into the snake_case body. Resources call it explicitly so that POST bodies and merge
 * patches (validated after the patch is applied) go through the same path.
 */
@ApplicationScoped
public class RequestValidator {

    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final Validator validator;

    RequestValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T check(T request) {
        if (request == null) {
            throw new InvalidRequest("/", "a JSON object is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> new FieldError(pointer(v.getPropertyPath()), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::pointer).thenComparing(FieldError::message))
                    .toList();
            throw new InvalidRequest(errors);
        }
        return request;
    }

    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            } else if (node.getKey() != null) {
                pointer.append('/').append(node.getKey());
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                pointer.append('/').append(SNAKE.translate(node.getName()));
            }
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
    }
}
