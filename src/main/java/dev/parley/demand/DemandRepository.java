package dev.parley.demand;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

import dev.parley.negotiation.Negotiation;
import dev.parley.party.Party;

/** Every query on demands. */
@ApplicationScoped
class DemandRepository {

    private final Session session;

    DemandRepository(Session session) {
        this.session = session;
    }

    Optional<Demand> findBySlug(String slug) {
        // With its negotiation, which every write names among the scopes it moves (the matrix), and the
        // parties and links the change log's view of a demand lists: one query rather than six. The
        // party lists are indexed, so Hibernate may fetch them together; of the two link bags only the
        // demand's own (a few links at most) joins, as a package's incoming PART_OF links would multiply
        // the rows.
        return session.createSelectionQuery("from Demand d join fetch d.negotiation left join fetch d.addressees"
                + " left join fetch d.coProposers left join fetch d.concerned left join fetch d.links"
                + " where d.slug = :slug", Demand.class)
                .setParameter("slug", slug).uniqueResultOptional();
    }

    /**
     * A page in slug order; only the filters given become conditions. The query reads demand alone
     * (filters on other tables are subqueries), so the database walks the slug index and stops after
     * the page instead of sorting every match; the page's negotiations, proposers and addressees
     * load in batches.
     */
    List<Demand> page(DemandFilter filter, String afterSlug, int limit) {
        StringBuilder hql = new StringBuilder("select d from Demand d where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (afterSlug != null) {
            hql.append(" and d.slug > :after");
            parameters.put("after", afterSlug);
        }
        if (filter.negotiation() != null) {
            hql.append(" and d.negotiation = (select n from Negotiation n where n.slug = :negotiation)");
            parameters.put("negotiation", filter.negotiation());
        }
        if (filter.proposer() != null) {
            hql.append(" and d.proposer = (select p from Party p where p.slug = :proposer)");
            parameters.put("proposer", filter.proposer());
        }
        if (filter.addressee() != null) {
            hql.append(" and exists (select 1 from Demand d2 join d2.addressees a where d2 = d and a.slug = :addressee)");
            parameters.put("addressee", filter.addressee());
        }
        if (filter.status() != null) {
            hql.append(" and d.status = :status");
            parameters.put("status", filter.status());
        }
        for (int i = 0; i < filter.flags().size(); i++) {
            hql.append(" and d.flags like :flag").append(i);
            parameters.put("flag" + i, Explanations.like(filter.flags().get(i)));
        }
        if (filter.topic() != null) {
            hql.append(" and d.topic = :topic");
            parameters.put("topic", filter.topic());
        }
        if (filter.q() != null) {
            hql.append(" and (lower(d.title) like :q escape '!' or lower(d.text) like :q escape '!')");
            parameters.put("q", "%" + likeEscape(filter.q().toLowerCase(Locale.ROOT)) + "%");
        }
        hql.append(" order by d.slug");
        SelectionQuery<Demand> query = session.createSelectionQuery(hql.toString(), Demand.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    List<Demand> inNegotiation(Negotiation negotiation, LocalDate tabledBy) {
        // The day is added only when given: PostgreSQL cannot type a date parameter in ":by is null".
        var query = session.createSelectionQuery("select d from Demand d join fetch d.proposer where d.negotiation = :n"
                + (tabledBy == null ? "" : " and d.tabledOn <= :by") + " order by d.slug", Demand.class)
                .setParameter("n", negotiation);
        if (tabledBy != null) {
            query.setParameter("by", tabledBy);
        }
        return query.getResultList();
    }

    List<Party> involvedParties(Negotiation negotiation) {
        return session.createSelectionQuery(
                "select distinct p.party from Position p where p.demand.negotiation = :n and p.role <> :concerned",
                Party.class)
                .setParameter("n", negotiation).setParameter("concerned", PositionRole.CONCERNED).getResultList();
    }

    List<Demand> all() {
        return session.createSelectionQuery(
                "select d from Demand d join fetch d.negotiation join fetch d.proposer order by d.slug", Demand.class)
                .getResultList();
    }

    void persist(Demand demand) {
        session.persist(demand);
    }

    void delete(Demand demand) {
        // Positions, their history and its citation links go with the demand (ON DELETE CASCADE).
        session.remove(demand);
        session.flush();
    }

    void persist(DemandRevision revision) {
        session.persist(revision);
    }

    List<DemandRevision> revisions(Demand demand, Long beforeId, int limit) {
        var query = session.createSelectionQuery("from DemandRevision r where r.demand = :d"
                + (beforeId == null ? "" : " and r.id < :before") + " order by r.id desc", DemandRevision.class)
                .setParameter("d", demand);
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    List<DemandRevision> allRevisions() {
        return session.createSelectionQuery("from DemandRevision r join fetch r.demand order by r.id",
                DemandRevision.class).getResultList();
    }

    private static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
