package dev.parley.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import dev.parley.negotiation.Negotiation;

/** Every query on events. */
@ApplicationScoped
class EventRepository {

    private final Session session;

    EventRepository(Session session) {
        this.session = session;
    }

    Optional<NegotiationEvent> find(String id) {
        return Optional.ofNullable(session.find(NegotiationEvent.class, id));
    }

    /** A page in date order, then by id (creation order). */
    List<NegotiationEvent> page(Negotiation negotiation, LocalDate afterDay, String afterId, int limit) {
        var query = session.createSelectionQuery("from NegotiationEvent e where e.negotiation = :n"
                + (afterDay == null ? ""
                        : " and (e.occurredOn > :day or (e.occurredOn = :day and e.id > :id))")
                + " order by e.occurredOn, e.id", NegotiationEvent.class).setParameter("n", negotiation);
        if (afterDay != null) {
            query.setParameter("day", afterDay).setParameter("id", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /**
     * The same order, for the timeline: after (afterDay, afterId), or, with afterId null, after the
     * whole of afterDay; only the events recorded by {@code asRecorded} when it is given.
     */
    List<NegotiationEvent> timeline(Negotiation negotiation, Instant asRecorded, LocalDate afterDay, String afterId,
            int limit) {
        String after = afterDay == null ? ""
                : afterId == null ? " and e.occurredOn > :day"
                        : " and (e.occurredOn > :day or (e.occurredOn = :day and e.id > :id))";
        String recorded = asRecorded == null ? "" : " and e.createdAt <= :t";
        var query = session
                .createSelectionQuery("from NegotiationEvent e where e.negotiation = :n" + recorded + after
                        + " order by e.occurredOn, e.id", NegotiationEvent.class)
                .setParameter("n", negotiation);
        if (asRecorded != null) {
            query.setParameter("t", asRecorded);
        }
        if (afterDay != null) {
            query.setParameter("day", afterDay);
        }
        if (afterId != null) {
            query.setParameter("id", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    List<NegotiationEvent> all() {
        return session.createSelectionQuery("from NegotiationEvent e join fetch e.negotiation order by e.id",
                NegotiationEvent.class).getResultList();
    }

    void persist(NegotiationEvent event) {
        session.persist(event);
    }
}
