package dev.parley.common;

import java.util.List;

/** 400 with the members at fault. */
public class InvalidRequest extends ApiException {

    public InvalidRequest(List<FieldError> errors) {
        super(400, "VALIDATION_FAILED", "Validation failed", describe(errors), errors);
    }

    public InvalidRequest(String pointer, String message) {
        this(List.of(new FieldError(pointer, message)));
    }

    /** 400 for a query parameter or header rather than a body member. */
    public static ApiException badParameter(String name, String message) {
        return new ApiException(400, "INVALID_PARAMETER", "Invalid parameter", name + ": " + message,
                List.of(new FieldError(name, message)));
    }

    private static String describe(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.get(0).pointer() + ": " + errors.get(0).message()
                : "The request has " + errors.size() + " invalid members.";
    }
}
