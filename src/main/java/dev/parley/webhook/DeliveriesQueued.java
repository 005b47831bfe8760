package dev.parley.webhook;

/**
 * Deliveries were queued on this replica: fired in the queuing transaction, and observed after it
 * commits ({@link Dispatcher}), so the dispatcher is never woken for a row it cannot see yet.
 */
record DeliveriesQueued() {
}
