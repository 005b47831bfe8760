package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import dev.parley.negotiation.Negotiation;

/** Every query on positions and their history. */
@ApplicationScoped
class PositionRepository {

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

    /** One position's stance as reads need it: which change, its status, day, kind and flags. */
    record StanceRow(Long position, Long change, PositionStatus status, LocalDate effectiveOn, ChangeKind kind,
            String flags) {
    }

    private static final String STANCE_ROW = "select new dev.parley.demand.PositionRepository$StanceRow(p.id, pc.id,"
            + " pc.status, pc.effectiveOn, pc.changeKind, pc.flags) from PositionChange pc join pc.position p";

    /**
     * A change that reads see, at {@code :t} when {@code at} gives one: recorded by then, not a
     * retraction, and not corrected or retracted by a change recorded by then.
     */
    private static String live(ReadAt at) {
        return at.asRecorded() == null
                ? " pc.changeKind <> :retraction and not exists (select 1 from PositionChange k where k.corrects = pc)"
                : " pc.recordedAt <= :t and pc.changeKind <> :retraction and not exists (select 1 from PositionChange k"
                        + " where k.corrects = pc and k.recordedAt <= :t)";
    }

    private static <Q extends org.hibernate.query.SelectionQuery<?>> Q bind(Q query, ReadAt at) {
        query.setParameter("retraction", ChangeKind.RETRACTION);
        if (at.asRecorded() != null) {
            query.setParameter("t", at.asRecorded());
        }
        if (at.asOf() != null) {
            query.setParameter("day", at.asOf());
        }
        return query;
    }

    /** The current stance of every position of a negotiation that has one. */
    List<StanceRow> currentStances(Negotiation negotiation) {
        return session.createSelectionQuery(STANCE_ROW + " where p.demand.negotiation = :n and pc.id = p.currentChangeId",
                StanceRow.class).setParameter("n", negotiation).getResultList();
    }

    /**
     * The stances of a negotiation's positions that reads at {@code at} see, oldest first per
     * position (by day, then recording order): the last of each position's is its stance then.
     */
    List<StanceRow> stancesAt(Negotiation negotiation, ReadAt at) {
        String hql = STANCE_ROW + " where p.demand.negotiation = :n and" + live(at)
                + (at.asOf() == null ? "" : " and pc.effectiveOn <= :day") + " order by p.id, pc.effectiveOn, pc.id";
        return bind(session.createSelectionQuery(hql, StanceRow.class), at).setParameter("n", negotiation)
                .getResultList();
    }

    /** The same for one demand's positions. */
    List<StanceRow> stancesAt(Demand demand, ReadAt at) {
        String hql = STANCE_ROW + " where p.demand = :d and" + live(at)
                + (at.asOf() == null ? "" : " and pc.effectiveOn <= :day") + " order by p.id, pc.effectiveOn, pc.id";
        return bind(session.createSelectionQuery(hql, StanceRow.class), at).setParameter("d", demand).getResultList();
    }

    /** A position's stances that reads see now, oldest first: the last is its current stance. */
    List<PositionChange> liveHistory(Position position) {
        return bind(session.createSelectionQuery("from PositionChange pc where pc.position = :p and" + live(ReadAt.NOW)
                + " order by pc.effectiveOn, pc.id", PositionChange.class), ReadAt.NOW).setParameter("p", position)
                .getResultList();
    }

    record Correction(Long corrected, Long by) {
    }

    /** Which of the given changes were corrected or retracted (by {@code asRecorded} when given), and by which. */
    Map<Long, Long> correctors(Collection<Long> ids, Instant asRecorded) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var query = session.createSelectionQuery("select new dev.parley.demand.PositionRepository$Correction("
                + "k.corrects.id, k.id) from PositionChange k where k.corrects.id in :ids"
                + (asRecorded == null ? "" : " and k.recordedAt <= :t"), Correction.class).setParameter("ids", ids);
        if (asRecorded != null) {
            query.setParameter("t", asRecorded);
        }
        Map<Long, Long> byCorrected = new HashMap<>();
        query.getResultList().forEach(row -> byCorrected.put(row.corrected(), row.by()));
        return byCorrected;
    }

    /** Who is involved in each demand of a negotiation: proposers first, then addressees in order. */
    List<Involvement> involvements(Negotiation negotiation) {
        return session.createSelectionQuery("select new dev.parley.demand.Involvement(d.slug, pa.slug, p.role)"
                + " from Position p join p.demand d join p.party pa where d.negotiation = :n"
                + " order by d.slug, p.role desc, p.id", Involvement.class)
                .setParameter("n", negotiation).getResultList();
    }

    /**
     * A negotiation's stances in the order they took effect (day, then recording order), as reads
     * saw them at {@code asRecorded} (now when null), after the given key and at most {@code limit};
     * all of them when {@code afterDay} is null and the limit is zero.
     */
    List<TrackedStance> tracked(Negotiation negotiation, Instant asRecorded, LocalDate afterDay, Long afterId,
            int limit) {
        ReadAt at = new ReadAt(null, asRecorded);
        String hql = "select new dev.parley.demand.TrackedStance(pc.id, d.slug, pa.slug, pc.status, pc.effectiveOn,"
                + " pc.recordedAt) from PositionChange pc join pc.position p join p.demand d join p.party pa"
                + " where d.negotiation = :n and" + live(at)
                + (afterDay == null ? ""
                        : " and (pc.effectiveOn > :afterDay or (pc.effectiveOn = :afterDay and pc.id > :afterId))")
                + " order by pc.effectiveOn, pc.id";
        var query = bind(session.createSelectionQuery(hql, TrackedStance.class), at).setParameter("n", negotiation);
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
        return session.createSelectionQuery("select distinct pc from PositionChange pc left join fetch pc.cited x"
                + " left join fetch x.citation c left join fetch c.source where pc.id in :ids", PositionChange.class)
                .setParameter("ids", ids).getResultList();
    }

    /** Rows of (change id, citation count) for the given changes: one statement. */
    List<CitationCount> citationCounts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery("select new dev.parley.demand.PositionRepository$CitationCount(pc.id,"
                + " count(x)) from PositionChange pc join pc.cited x where pc.id in :ids group by pc.id",
                CitationCount.class).setParameter("ids", ids).getResultList();
    }

    record CitationCount(Long change, Long count) {
    }

    /** History newest first: by effective_on, then by recording order. */
    List<PositionChange> history(Position position, ReadAt at, LocalDate afterDay, Long afterId, int limit) {
        // Date predicates are added only when given: PostgreSQL cannot type a date parameter in ":asOf is null".
        LocalDate asOf = at.asOf();
        String hql = "from PositionChange pc where pc.position = :p"
                + (asOf == null ? "" : " and pc.effectiveOn <= :asOf")
                + (at.asRecorded() == null ? "" : " and pc.recordedAt <= :t")
                + (afterDay == null ? ""
                        : " and (pc.effectiveOn < :afterDay or (pc.effectiveOn = :afterDay and pc.id < :afterId))")
                + " order by pc.effectiveOn desc, pc.id desc";
        var query = session.createSelectionQuery(hql, PositionChange.class).setParameter("p", position);
        if (asOf != null) {
            query.setParameter("asOf", asOf);
        }
        if (at.asRecorded() != null) {
            query.setParameter("t", at.asRecorded());
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

    /** Writes what this transaction holds, so that queries see the change just appended. */
    void flush() {
        session.flush();
    }

    /** Detaches every entity of the session; only after a flush. */
    void clear() {
        session.clear();
    }

    void delete(Position position) {
        // The database would cascade to the history, but changes already loaded in this session would
        // then point at a removed position and fail the flush; they go first.
        allHistory(position).forEach(session::remove);
        session.remove(position);
    }
}
