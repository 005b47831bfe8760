package dev.parley.citation;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on sources. */
@ApplicationScoped
public class SourceRepository {

    private final Session session;

    SourceRepository(Session session) {
        this.session = session;
    }

    Optional<Source> findById(String id) {
        return Optional.ofNullable(session.find(Source.class, id));
    }

    List<Source> page(String afterId, int limit) {
        return session.createSelectionQuery("from Source where :after is null or id > :after order by id", Source.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList();
    }

    List<Source> all() {
        return session.createSelectionQuery("from Source order by id", Source.class).getResultList();
    }

    void persist(Source source) {
        session.persist(source);
    }
}
