package dev.parley.citation;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on citations. */
@ApplicationScoped
class CitationRepository {

    private final Session session;

    CitationRepository(Session session) {
        this.session = session;
    }

    Optional<Citation> findById(String id) {
        return Optional.ofNullable(session.find(Citation.class, id));
    }

    /** The citations that exist among {@code ids}; by id, so no query is translated (an IN list is never cached). */
    List<Citation> findByIds(Collection<String> ids) {
        return session.byMultipleIds(Citation.class).multiLoad(List.copyOf(ids)).stream().filter(Objects::nonNull)
                .toList();
    }

    /** Citations in id order, narrowed to a source and to those attached to a demand's or party's stances. */
    List<Citation> page(CitationFilter filter, String afterId, int limit) {
        // Only the filters given become conditions, so each query can use its index.
        StringBuilder hql = new StringBuilder("from Citation c where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (afterId != null) {
            hql.append(" and c.id > :after");
            parameters.put("after", afterId);
        }
        if (filter.source() != null) {
            hql.append(" and c.source.id = :source");
            parameters.put("source", filter.source());
        }
        if (filter.document() != null) {
            hql.append(" and c.documentId = :document");
            parameters.put("document", filter.document());
        }
        if (filter.demand() != null || filter.party() != null) {
            hql.append(" and exists (select 1 from PositionChange pc join pc.cited pcc where pcc.citation = c");
            if (filter.demand() != null) {
                hql.append(" and pc.position.demand.slug = :demand");
                parameters.put("demand", filter.demand());
            }
            if (filter.party() != null) {
                hql.append(" and pc.position.party.slug = :party");
                parameters.put("party", filter.party());
            }
            hql.append(")");
        }
        var query = session.createSelectionQuery(hql.append(" order by c.id").toString(), Citation.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    List<Citation> all() {
        return session.createSelectionQuery("from Citation c join fetch c.source order by c.id", Citation.class)
                .getResultList();
    }

    void persist(Citation citation) {
        session.persist(citation);
    }
}
