package dev.parley.feed;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.Caller;
import dev.parley.common.Clock;

/**
 * Appends to the change log inside the writing transaction. Every write in Parley ends here, so a
 * change is committed with the data it describes or not at all.
 */
@ApplicationScoped
public class ChangeLog {

    private final Session session;
    private final ObjectMapper mapper;
    private final Caller caller;

    ChangeLog(Session session, ObjectMapper mapper, Caller caller) {
        this.session = session;
        this.mapper = mapper;
        this.caller = caller;
    }

    /**
     * Records {@code type} (such as {@code demand.updated}) for a subject, with the subject's view as
     * data. Taking the cursor locks the counter row until commit, so cursors commit in order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(String type, String subjectKind, String subjectKey, Object data) {
        session.createNativeMutationQuery("update change_cursor set last_cursor = last_cursor + 1 where id = 1")
                .executeUpdate();
        long cursor = ((Number) session.createNativeQuery("select last_cursor from change_cursor where id = 1",
                Long.class).getSingleResult()).longValue();
        session.createNativeMutationQuery(
                "insert into change_log (id, type, occurred_at, subject_kind, subject_key, data, recorded_by)"
                        + " values (:id, :type, :at, :kind, :key, :data, :by)")
                .setParameter("id", cursor)
                .setParameter("type", type)
                .setParameter("at", Clock.now())
                .setParameter("kind", subjectKind)
                .setParameter("key", subjectKey)
                .setParameter("data", json(data))
                .setParameter("by", caller.name())
                .executeUpdate();
        return cursor;
    }

    /** Records the deletion of a resource addressed by slug; the data names only the slug. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long appendDeletion(String type, String subjectKind, String slug) {
        return append(type, subjectKind, slug, Map.of("slug", slug));
    }

    private String json(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view could not be written as JSON", e);
        }
    }
}
