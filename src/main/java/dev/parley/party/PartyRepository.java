package dev.parley.party;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on parties. */
@ApplicationScoped
class PartyRepository {

    private final Session session;

    PartyRepository(Session session) {
        this.session = session;
    }

    Optional<Party> findBySlug(String slug) {
        return session.createSelectionQuery("from Party where slug = :slug", Party.class)
                .setParameter("slug", slug).uniqueResultOptional();
    }

    List<Party> findBySlugs(Collection<String> slugs) {
        return session.createSelectionQuery("from Party where slug in :slugs", Party.class)
                .setParameter("slugs", slugs).getResultList();
    }

    List<Party> page(String afterSlug, int limit) {
        var query = session.createSelectionQuery(
                "from Party" + (afterSlug == null ? "" : " where slug > :after") + " order by slug", Party.class);
        if (afterSlug != null) {
            query.setParameter("after", afterSlug);
        }
        return query.setMaxResults(limit).getResultList();
    }

    List<Party> all() {
        return session.createSelectionQuery("from Party order by slug", Party.class).getResultList();
    }

    void persist(Party party) {
        session.persist(party);
    }

    /** Deletes and flushes, so a foreign key still pointing here fails now rather than at commit. */
    void deleteNow(Party party) {
        session.remove(party);
        session.flush();
    }
}
