package dev.parley.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import dev.parley.common.Active;
import io.agroal.api.AgroalDataSource;

/** Every query on releases and their chunks. */
@ApplicationScoped
class ReleaseRepository {

    record Row(String id, String negotiation, String mediaType, String sha256, long sizeBytes, Instant createdAt,
            String createdBy) {

        /** Public, as Hibernate makes query rows only through public constructors. */
        public Row {
        }
    }

    private static final String COLUMNS = "id, negotiation, media_type, sha256, size_bytes, created_at, created_by";

    private final Session session;
    private final AgroalDataSource dataSource;

    ReleaseRepository(Session session, @Active AgroalDataSource dataSource) {
        this.session = session;
        this.dataSource = dataSource;
    }

    void insert(Row row) {
        session.createNativeMutationQuery("insert into data_release (" + COLUMNS + ") values (:id, :negotiation,"
                + " :type, :sha, :size, :at, :by)")
                .setParameter("id", row.id()).setParameter("negotiation", row.negotiation())
                .setParameter("type", row.mediaType()).setParameter("sha", row.sha256())
                .setParameter("size", row.sizeBytes()).setParameter("at", row.createdAt())
                .setParameter("by", row.createdBy()).executeUpdate();
    }

    /** One chunk, on the transaction's own connection: bytes bound directly, not through an entity. */
    void insertChunk(String release, int seq, byte[] bytes) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into data_release_chunk (release_id, seq, bytes) values (?, ?, ?)")) {
            insert.setString(1, release);
            insert.setInt(2, seq);
            insert.setBytes(3, bytes);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("A release chunk could not be written", e);
        }
    }

    byte[] chunk(String release, int seq) {
        List<byte[]> rows = session.createNativeQuery(
                "select bytes from data_release_chunk where release_id = :id and seq = :seq", byte[].class)
                .setParameter("id", release).setParameter("seq", seq).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    Optional<Row> find(String id) {
        return rows("select " + COLUMNS + " from data_release where id = :id").setParameter("id", id)
                .getResultList().stream().findFirst();
    }

    /** Newest first. */
    List<Row> page(Instant beforeAt, String beforeId, int limit) {
        String sql = "select " + COLUMNS + " from data_release"
                + (beforeAt == null ? "" : " where created_at < :at or (created_at = :at and id < :id)")
                + " order by created_at desc, id desc";
        NativeQuery<Row> query = rows(sql);
        if (beforeAt != null) {
            query.setParameter("at", beforeAt).setParameter("id", beforeId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    void clear() {
        session.clear();
    }

    /** A query of {@link #COLUMNS} whose rows are {@link Row}s, each column read as its component's type. */
    private NativeQuery<Row> rows(String sql) {
        return session.createNativeQuery(sql, Row.class).addScalar("id", String.class)
                .addScalar("negotiation", String.class).addScalar("media_type", String.class)
                .addScalar("sha256", String.class).addScalar("size_bytes", Long.class)
                .addScalar("created_at", Instant.class).addScalar("created_by", String.class);
    }
}
