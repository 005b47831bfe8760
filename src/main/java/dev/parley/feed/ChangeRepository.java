package dev.parley.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

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
        return rows("select " + COLUMNS + " from change_log where id > :after order by id")
                .setParameter("after", cursor).setMaxResults(limit).getResultList().stream().map(Row::logged)
                .toList();
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
        NativeQuery<Row> query = rows(sql.append(" order by id").toString()).setParameter("after", cursor)
                .setParameter("through", through);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList().stream().map(r -> r.logged().view()).toList();
    }

    /** Deletions from {@code since} on (all when null), after the tombstone id {@code afterId}, in order. */
    List<TombstoneView> tombstones(Instant since, long afterId, int limit) {
        String sql = "select id, kind, subject_key, deleted_at, change_cursor from tombstone where id > :after"
                + (since == null ? "" : " and deleted_at >= :since") + " order by id";
        NativeQuery<TombstoneRow> query = session.createNativeQuery(sql, TombstoneRow.class)
                .addScalar("id", Long.class).addScalar("kind", String.class).addScalar("subject_key", String.class)
                .addScalar("deleted_at", Instant.class).addScalar("change_cursor", Long.class)
                .setParameter("after", afterId);
        if (since != null) {
            query.setParameter("since", since);
        }
        return query.setMaxResults(limit).getResultList().stream()
                .map(r -> TombstoneView.of(r.id(), r.kind(), r.subjectKey(), r.deletedAt(), r.changeCursor()))
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

    /** A query of {@link #COLUMNS} whose rows are {@link Row}s, each column read as its component's type. */
    private NativeQuery<Row> rows(String sql) {
        return session.createNativeQuery(sql, Row.class).addScalar("id", Long.class).addScalar("type", String.class)
                .addScalar("occurred_at", Instant.class).addScalar("subject_kind", String.class)
                .addScalar("subject_key", String.class).addScalar("data", String.class)
                .addScalar("recorded_by", String.class).addScalar("negotiation", String.class)
                .addScalar("demand", String.class).addScalar("parties", String.class)
                .addScalar("to_status", String.class).addScalar("before_data", String.class);
    }

    /** A change_log row, as {@link #COLUMNS} lists it. */
    private record Row(long id, String type, Instant occurredAt, String subjectKind, String subjectKey, String data,
            String recordedBy, String negotiation, String demand, String parties, String toStatus,
            String beforeData) {

        /** Public, as Hibernate makes query rows only through public constructors. */
        public Row {
        }

        LoggedChange logged() {
            return new LoggedChange(new ChangeView(Cursors.encode(id), type, occurredAt,
                    Subject.stored(subjectKind, subjectKey), data, recordedBy, beforeData),
                    new ChangeTags(negotiation, demand, ChangeTags.parties(parties), toStatus));
        }
    }

    /** A tombstone row. */
    private record TombstoneRow(long id, String kind, String subjectKey, Instant deletedAt, long changeCursor) {

        /** Public, as Hibernate makes query rows only through public constructors. */
        public TombstoneRow {
        }
    }

    /** A change as the log holds it: its view, and what it is about. */
    record LoggedChange(ChangeView view, ChangeTags tags) {
    }
}
