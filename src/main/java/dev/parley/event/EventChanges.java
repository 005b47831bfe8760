package dev.parley.event;

import java.util.List;

import dev.parley.etag.Scopes;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeType;
import dev.parley.feed.Subject;

/**
 * Every change an event write records, and the version scopes it moves. The read side names the
 * same scopes in {@code @Versioned} on {@link EventResource}.
 */
final class EventChanges {

    /** A negotiation's events, addressed by the negotiation's {@code slug} path parameter. */
    static final String EVENTS = "events:{slug}";
    /** One event, addressed by the {@code id} path parameter. */
    static final String EVENT = "event:{id}";

    private EventChanges() {
    }

    static Change created(NegotiationEvent event) {
        return new Change(ChangeType.EVENT_CREATED, Subject.id("event", event.id), EventView.from(event),
                scopes(event));
    }

    static Change updated(NegotiationEvent event) {
        return new Change(ChangeType.EVENT_UPDATED, Subject.id("event", event.id), EventView.from(event),
                scopes(event));
    }

    /** The events, the event, and its negotiation's readings, whose timeline lists events. */
    private static List<String> scopes(NegotiationEvent event) {
        return List.of(Scopes.fill(EVENTS, event.negotiation.slug), Scopes.fill(EVENT, event.id),
                Scopes.fill(Scopes.MATRIX, event.negotiation.slug));
    }
}
