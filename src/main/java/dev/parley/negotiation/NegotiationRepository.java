package dev.parley.negotiation;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on negotiations. */
@ApplicationScoped
class NegotiationRepository {

    private final Session session;

    NegotiationRepository(Session session) {
        this.session = session;
    }

    Optional<Negotiation> findBySlug(String slug) {
        return session.createSelectionQuery("from Negotiation where slug = :slug", Negotiation.class)
                .setParameter("slug", slug).uniqueResultOptional();
    }

    List<Negotiation> page(String afterSlug, int limit) {
        var query = session.createSelectionQuery(
                "from Negotiation" + (afterSlug == null ? "" : " where slug > :after") + " order by slug",
                Negotiation.class);
        if (afterSlug != null) {
            query.setParameter("after", afterSlug);
        }
        return query.setMaxResults(limit).getResultList();
    }

    List<Negotiation> all() {
        return session.createSelectionQuery(
                "from Negotiation order by slug", Negotiation.class)
                .getResultList();
    }

    void persist(Negotiation negotiation) {
        session.persist(negotiation);
    }
}
