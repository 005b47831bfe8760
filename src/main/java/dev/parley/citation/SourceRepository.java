package dev.parley.citation;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on sources. */
@ApplicationScoped
class SourceRepository {

    private final Session session;

    SourceRepository(Session session) {
        this.session = session;
    }

    Optional<Source> findById(String id) {
        return Optional.ofNullable(session.find(Source.class, id));
    }

    List<Source> page(String afterId, int limit) {
        var query = session.createSelectionQuery(
                "from Source" + (afterId == null ? "" : " where id > :after") + " order by id", Source.class);
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    List<Source> all() {
        return session.createSelectionQuery("from Source order by id", Source.class).getResultList();
    }

    void persist(Source source) {
        session.persist(source);
    }
}
