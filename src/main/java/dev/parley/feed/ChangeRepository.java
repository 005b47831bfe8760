package dev.parley.feed;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import dev.parley.common.Timestamps;

/** Every query on the change log. */
@ApplicationScoped
public class ChangeRepository {

    private final Session session;

    ChangeRepository(Session session) {
        this.session = session;
    }

    /** Changes after a cursor in cursor order, which is commit order. */
    List<ChangeView> after(long cursor, int limit) {
        return session.createNativeQuery("select id, type, occurred_at, subject_kind, subject_key, data, recorded_by"
                + " from change_log where id > :after order by id", Object[].class)
                .setParameter("after", cursor).setMaxResults(limit).getResultList().stream()
                .map(ChangeRepository::view).toList();
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

    private static ChangeView view(Object[] row) {
        return new ChangeView(Cursors.encode(((Number) row[0]).longValue()), (String) row[1],
                Timestamps.instant(row[2]),
                Subject.stored((String) row[3], (String) row[4]), (String) row[5], (String) row[6]);
    }
}
