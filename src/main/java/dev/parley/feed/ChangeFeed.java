package dev.parley.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.ApiException;
import dev.parley.common.FieldError;

/** Reads the change log for the feed and the stream. */
@ApplicationScoped
public class ChangeFeed {

    private final ChangeRepository changes;

    ChangeFeed(ChangeRepository changes) {
        this.changes = changes;
    }

    /** Changes after {@code after} (an opaque cursor), or from the oldest retained one when it is null. */
    public ChangePage page(String after, int size) {
        long from = after == null ? changes.prunedThrough() : resumable(after, "after");
        List<ChangeView> items = changes.after(from, size);
        String next = items.isEmpty() ? Cursors.encode(from) : items.get(items.size() - 1).cursor();
        return new ChangePage(items, next);
    }

    /** Decodes a client's cursor and checks that nothing after it has been pruned (else 410). */
    long resumable(String cursor, String parameter) {
        long value = Cursors.decode(cursor, parameter);
        if (value < changes.prunedThrough()) {
            throw expired(parameter);
        }
        return value;
    }

    long decode(String cursor, String parameter) {
        return Cursors.decode(cursor, parameter);
    }

    long prunedThrough() {
        return changes.prunedThrough();
    }

    List<ChangeView> after(long cursor, int limit) {
        return changes.after(cursor, limit);
    }

    static ApiException expired(String parameter) {
        return new ApiException(410, "CURSOR_EXPIRED", "Cursor expired",
                "Changes after this cursor are past the retention window; list the resources again and follow the feed from its start.",
                List.of(new FieldError(parameter, "is older than the retention window")));
    }
}
