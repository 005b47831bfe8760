package dev.parley.citation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on citations. */
@ApplicationScoped
public class CitationRepository {

    private final Session session;

    CitationRepository(Session session) {
        this.session = session;
    }

    Optional<Citation> findById(String id) {
        return Optional.ofNullable(session.find(Citation.class, id));
    }

    List<Citation> findByIds(Collection<String> ids) {
        return session.createSelectionQuery("from Citation where id in :ids", Citation.class)
                .setParameter("ids", ids).getResultList();
    }

    /** Citations in id order, narrowed to a source and to those attached to a demand's or party's stances. */
    List<Citation> page(CitationFilter filter, String afterId, int limit) {
        boolean byStance = filter.demand() != null || filter.party() != null;
        String hql = "from Citation c where (:after is null or c.id > :after)"
                + " and (:source is null or c.source.id = :source)"
                + (byStance ? " and exists (select 1 from PositionChange pc join pc.citations pcc where pcc = c"
                        + " and (:demand is null or pc.position.demand.slug = :demand)"
                        + " and (:party is null or pc.position.party.slug = :party))" : "")
                + " order by c.id";
        var query = session.createSelectionQuery(hql, Citation.class)
                .setParameter("after", afterId)
                .setParameter("source", filter.source());
        if (byStance) {
            query.setParameter("demand", filter.demand()).setParameter("party", filter.party());
        }
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
