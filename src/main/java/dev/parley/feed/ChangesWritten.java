package dev.parley.feed;

import java.util.List;

/**
 * Fired once per transaction with the changes it wrote, inside its commit step and under the cursor
 * lock: synchronous observers (the webhook outbox) write in that same transaction, all the changes
 * at once.
 */
public final class ChangesWritten {

    private final List<ChangeWritten> changes;
    private final List<Runnable> afterCommit;

    ChangesWritten(List<ChangeWritten> changes, List<Runnable> afterCommit) {
        this.changes = List.copyOf(changes);
        this.afterCommit = afterCommit;
    }

    public List<ChangeWritten> changes() {
        return changes;
    }

    /** Runs {@code action} once the transaction has committed, and not at all if it rolls back. */
    public void onCommit(Runnable action) {
        if (!afterCommit.contains(action)) {
            afterCommit.add(action);
        }
    }
}
