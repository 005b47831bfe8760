package dev.parley.common;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list; {@code next_page_token} is absent on the last page. */
public record Page<T>(
        List<T> items,
        @Schema(description = "Opaque token for the next page; absent on the last page. Reuse it only with the same filters.", examples = "eyJrIjoiYmFsdGljcyJ9") String nextPageToken) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextPageToken);
    }
}
