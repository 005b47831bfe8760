package dev.parley.demand;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import dev.parley.negotiation.Negotiation;

/** Every query on positions and their history. */
@ApplicationScoped
public class PositionRepository {

    private final Session session;

    PositionRepository(Session session) {
        this.session = session;
    }

    /** A demand's positions: the proposer, co-proposers, addressees and concerned, each in the order added. */
    List<Position> ofDemand(Demand demand) {
        return DemandService.byRole(session.createSelectionQuery("select p from Position p join fetch p.party"
                + " where p.demand = :d", Position.class)
                .setParameter("d", demand).getResultList());
    }

    /** The positions of several demands, each demand's in the order of {@link #ofDemand}. */
    List<Position> ofDemands(Collection<Demand> demands) {
        if (demands.isEmpty()) {
            return List.of();
        }
        return DemandService.byRole(session.createSelectionQuery("select p from Position p join fetch p.party"
                + " where p.demand in :d", Position.class)
                .setParameter("d", demands).getResultList());
    }

    Optional<Position> find(Demand demand, String partySlug) {
        return session.createSelectionQuery("select p from Position p join fetch p.party pa"
                + " where p.demand = :d and pa.slug = :party", Position.class)
                .setParameter("d", demand).setParameter("party", partySlug).uniqueResultOptional();
    }

    List<Position> inNegotiation(Negotiation negotiation) {
        return DemandService.byRole(session.createSelectionQuery("select p from Position p join fetch p.party"
                + " where p.demand.negotiation = :n", Position.class)
                .setParameter("n", negotiation).getResultList());
    }

    List<PositionChange> changes(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery("from PositionChange where id in :ids", PositionChange.class)
                .setParameter("ids", ids).getResultList();
    }

    /** Rows of (position id, change id, status, effective_on) up to a day, oldest first per position. */
    List<Object[]> stancesUpTo(Negotiation negotiation, LocalDate day) {
        return session.createSelectionQuery("select pc.position.id, pc.id, pc.status, pc.effectiveOn"
                + " from PositionChange pc where pc.position.demand.negotiation = :n and pc.effectiveOn <= :day"
                + " order by pc.position.id, pc.effectiveOn, pc.id", Object[].class)
                .setParameter("n", negotiation).setParameter("day", day).getResultList();
    }

    /** Rows of (change id, citation count) for the current stances of a negotiation, or all up to a day. */
    List<Object[]> citationCounts(Negotiation negotiation, LocalDate day) {
        String hql = day == null
                ? "select pc.id, count(c) from PositionChange pc join pc.citations c where pc.id in"
                        + " (select p.currentChangeId from Position p where p.demand.negotiation = :n) group by pc.id"
                : "select pc.id, count(c) from PositionChange pc join pc.citations c"
                        + " where pc.position.demand.negotiation = :n and pc.effectiveOn <= :day group by pc.id";
        var query = session.createSelectionQuery(hql, Object[].class).setParameter("n", negotiation);
        if (day != null) {
            query.setParameter("day", day);
        }
        return query.getResultList();
    }

    /** Who is involved in each demand of a negotiation: proposers first, then addressees in order. */
    List<Involvement> involvements(Negotiation negotiation) {
        return session.createSelectionQuery("select new dev.parley.demand.Involvement(d.slug, pa.slug, p.role)"
                + " from Position p join p.demand d join p.party pa where d.negotiation = :n"
                + " order by d.slug, p.role desc, p.id", Involvement.class)
                .setParameter("n", negotiation).getResultList();
    }

    /**
     * A negotiation's stances in the order they took effect (day, then recording order), after the
     * given key and at most {@code limit}; all of them when {@code afterDay} is null and the limit
     * is zero.
     */
    List<TrackedStance> tracked(Negotiation negotiation, LocalDate afterDay, Long afterId, int limit) {
        String hql = "select new dev.parley.demand.TrackedStance(pc.id, d.slug, pa.slug, pc.status, pc.effectiveOn,"
                + " pc.recordedAt) from PositionChange pc join pc.position p join p.demand d join p.party pa"
                + " where d.negotiation = :n"
                + (afterDay == null ? ""
                        : " and (pc.effectiveOn > :afterDay or (pc.effectiveOn = :afterDay and pc.id > :afterId))")
                + " order by pc.effectiveOn, pc.id";
        var query = session.createSelectionQuery(hql, TrackedStance.class).setParameter("n", negotiation);
        if (afterDay != null) {
            query.setParameter("afterDay", afterDay).setParameter("afterId", afterId);
        }
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

    /**
     * The positions of the given demands, with their parties: one statement for a whole page; each
     * demand's in the order of {@link #ofDemand}.
     */
    List<Position> ofDemandIds(Collection<Long> demandIds) {
        if (demandIds.isEmpty()) {
            return List.of();
        }
        return DemandService.byRole(session.createSelectionQuery("select p from Position p join fetch p.party"
                + " where p.demand.id in :ids", Position.class)
                .setParameter("ids", demandIds).getResultList());
    }

    /** Changes with their citations and the citations' sources, in one statement. */
    List<PositionChange> changesWithCitations(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery("select distinct pc from PositionChange pc left join fetch pc.citations c"
                + " left join fetch c.source where pc.id in :ids", PositionChange.class)
                .setParameter("ids", ids).getResultList();
    }

    /** Rows of (change id, citation count) for the given changes: one statement. */
    List<CitationCount> citationCounts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery("select new dev.parley.demand.PositionRepository$CitationCount(pc.id,"
                + " count(c)) from PositionChange pc join pc.citations c where pc.id in :ids group by pc.id",
                CitationCount.class).setParameter("ids", ids).getResultList();
    }

    record CitationCount(Long change, Long count) {
    }

    /** History newest first: by effective_on, then by recording order. */
    List<PositionChange> history(Position position, LocalDate asOf, LocalDate afterDay, Long afterId, int limit) {
        // Date predicates are added only when given: PostgreSQL cannot type a date parameter in ":asOf is null".
        String hql = "from PositionChange pc where pc.position = :p"
                + (asOf == null ? "" : " and pc.effectiveOn <= :asOf")
                + (afterDay == null ? ""
                        : " and (pc.effectiveOn < :afterDay or (pc.effectiveOn = :afterDay and pc.id < :afterId))")
                + " order by pc.effectiveOn desc, pc.id desc";
        var query = session.createSelectionQuery(hql, PositionChange.class).setParameter("p", position);
        if (asOf != null) {
            query.setParameter("asOf", asOf);
        }
        if (afterDay != null) {
            query.setParameter("afterDay", afterDay).setParameter("afterId", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    List<PositionChange> allHistory(Position position) {
        return session.createSelectionQuery("from PositionChange pc where pc.position = :p order by pc.id",
                PositionChange.class).setParameter("p", position).getResultList();
    }

    void persist(Position position) {
        session.persist(position);
    }

    void persist(PositionChange change) {
        session.persist(change);
    }

    void delete(Position position) {
        // The database would cascade to the history, but changes already loaded in this session would
        // then point at a removed position and fail the flush; they go first.
        allHistory(position).forEach(session::remove);
        session.remove(position);
    }
}
