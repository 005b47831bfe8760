package dev.parley.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import dev.parley.common.Timestamps;

/** Every query on the change log. */
@ApplicationScoped
class ChangeRepository {

    private final Session session;

    ChangeRepository(Session session) {
        this.session = session;
    }

    /** Changes after a cursor in cursor order, which is commit order. */
    List<ChangeView> after(long cursor, int limit) {
        return logged(cursor, limit).stream().map(LoggedChange::view).toList();
    }

    /** The same, with what each change is about. */
    List<LoggedChange> logged(long cursor, int limit) {
        return session.createNativeQuery("select " + COLUMNS + " from change_log where id > :after order by id",
                Object[].class)
                .setParameter("after", cursor).setMaxResults(limit).getResultList().stream()
                .map(ChangeRepository::logged).toList();
    }

    /**
     * The highest cursor committed after {@code cursor} and at most {@code limit}, or {@code cursor}
     * when there is none. Cursors become visible in commit order, so every change up to it is visible
     * once it is.
     */
    long lastUpTo(long cursor, long limit) {
        Long last = session.createNativeQuery("select max(id) from change_log where id > :after and id <= :limit",
                Long.class).setParameter("after", cursor).setParameter("limit", limit).getSingleResult();
        return last == null ? cursor : last;
    }

    /** The changes in scope after {@code cursor} and up to {@code through}, in cursor order. */
    List<ChangeView> matching(long cursor, long through, ChangeFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from change_log where id > :after and id <= :through");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.negotiation() != null) {
            sql.append(" and negotiation = :negotiation");
            parameters.put("negotiation", filter.negotiation());
        }
        if (filter.demand() != null) {
            sql.append(" and demand = :demand");
            parameters.put("demand", filter.demand());
        }
        if (filter.party() != null) {
            sql.append(" and parties like :party");
            parameters.put("party", "%," + filter.party() + ",%");
        }
        if (!filter.types().isEmpty()) {
            sql.append(" and type in (:types)");
            parameters.put("types", filter.types());
        }
        if (filter.toStatus() != null) {
            sql.append(" and to_status = :status");
            parameters.put("status", filter.toStatus());
        }
        var query = session.createNativeQuery(sql.append(" order by id").toString(), Object[].class)
                .setParameter("after", cursor).setParameter("through", through);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList().stream().map(r -> logged(r).view()).toList();
    }

    /** Deletions from {@code since} on (all when null), after the tombstone id {@code afterId}, in order. */
    List<TombstoneView> tombstones(Instant since, long afterId, int limit) {
        String sql = "select id, kind, subject_key, deleted_at, change_cursor from tombstone where id > :after"
                + (since == null ? "" : " and deleted_at >= :since") + " order by id";
        var query = session.createNativeQuery(sql, Object[].class).setParameter("after", afterId);
        if (since != null) {
            query.setParameter("since", since);
        }
        return query.setMaxResults(limit).getResultList().stream()
                .map(r -> TombstoneView.of(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        Timestamps.instant(r[3]), ((Number) r[4]).longValue()))
                .toList();
    }

    /** The last cursor retention removed; cursors before it have missed changes. */
    long prunedThrough() {
        return session.createNativeQuery("select pruned_through from change_cursor where id = 1", Long.class)
                .getSingleResult();
    }

    /** Deletes changes older than {@code cutoff}; answers how many. */
    int pruneBefore(Instant cutoff) {
        Long last = session.createNativeQuery("select max(id) from change_log where occurred_at < :cutoff", Long.class)
                .setParameter("cutoff", cutoff).getSingleResult();
        if (last == null) {
            return 0;
        }
        session.createNativeMutationQuery(
                "update change_cursor set pruned_through = :last where id = 1 and pruned_through < :last")
                .setParameter("last", last).executeUpdate();
        return session.createNativeMutationQuery("delete from change_log where id <= :last")
                .setParameter("last", last).executeUpdate();
    }

    private static final String COLUMNS = "id, type, occurred_at, subject_kind, subject_key, data, recorded_by,"
            + " negotiation, demand, parties, to_status, before_data";

    private static LoggedChange logged(Object[] row) {
        return new LoggedChange(new ChangeView(Cursors.encode(((Number) row[0]).longValue()), (String) row[1],
                Timestamps.instant(row[2]),
                Subject.stored((String) row[3], (String) row[4]), (String) row[5], (String) row[6],
                (String) row[11]),
                new ChangeTags((String) row[7], (String) row[8], ChangeTags.parties((String) row[9]),
                        (String) row[10]));
    }

    /** A change as the log holds it: its view, and what it is about. */
    record LoggedChange(ChangeView view, ChangeTags tags) {
    }
}
