package dev.parley.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.ApiException;
import dev.parley.common.FieldError;

/** Reads the change log for the feed and the stream. */
@ApplicationScoped
class ChangeFeed {

    /** How many cursors a scoped page looks at, at most. */
    static final long SCAN_WINDOW = 10_000;

    private final ChangeRepository changes;

    ChangeFeed(ChangeRepository changes) {
        this.changes = changes;
    }

    /** Changes after {@code after} (an opaque cursor), or from the oldest retained one when it is null. */
    public ChangePage page(String after, int size) {
        return page(after, size, ChangeFilter.ALL);
    }

    /**
     * The changes in scope after {@code after}. A scoped page looks at no more than {@link
     * #SCAN_WINDOW} cursors, so a rare scope costs what a common one does; when fewer than a page
     * match there, the next cursor is the last change it looked at, so the client moves past the
     * changes out of scope and never sees them again.
     */
    public ChangePage page(String after, int size, ChangeFilter filter) {
        long from = after == null ? changes.prunedThrough() : resumable(after, "after");
        if (filter.all()) {
            List<ChangeView> items = changes.after(from, size);
            String next = items.isEmpty() ? Cursors.encode(from) : items.get(items.size() - 1).cursor();
            return new ChangePage(items, next);
        }
        long through = changes.lastUpTo(from, from + SCAN_WINDOW);
        List<ChangeView> items = through == from ? List.of() : changes.matching(from, through, filter, size);
        String next = items.size() == size ? items.get(items.size() - 1).cursor() : Cursors.encode(through);
        return new ChangePage(items, next);
    }

    /** Deletions from {@code since} on, after the tombstone id {@code afterId}. */
    List<TombstoneView> tombstones(java.time.Instant since, long afterId, int limit) {
        return changes.tombstones(since, afterId, limit);
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

    List<ChangeRepository.LoggedChange> logged(long cursor, int limit) {
        return changes.logged(cursor, limit);
    }

    static ApiException expired(String parameter) {
        return new ApiException(410, "CURSOR_EXPIRED", "Cursor expired",
                "Changes after this cursor are past the retention window; list the resources again and follow the feed from its start.",
                List.of(new FieldError(parameter, "is older than the retention window")));
    }
}
