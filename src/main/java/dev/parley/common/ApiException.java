package dev.parley.common;

import java.util.List;
import java.util.Locale;

/**
 * A failure the caller can act on; {@code http.ProblemMapper} turns it into problem+json. Domain code
 * throws one of the subclasses and never builds HTTP responses itself.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Problem toProblem() {
        return new Problem(typeOf(code), title, status, getMessage(), code, errors.isEmpty() ? null : errors);
    }

    public static String typeOf(String code) {
        return "urn:parley:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
