package dev.parley.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.Session;

/** Every query on API keys. */
@ApplicationScoped
class ApiKeyRepository {

    private final Session session;

    ApiKeyRepository(Session session) {
        this.session = session;
    }

    Optional<ApiKey> findActiveByHash(String hash) {
        return session.createSelectionQuery("from ApiKey where keyHash = :hash and revokedAt is null", ApiKey.class)
                .setParameter("hash", hash).uniqueResultOptional();
    }

    Optional<ApiKey> findByHash(String hash) {
        return session.createSelectionQuery("from ApiKey where keyHash = :hash", ApiKey.class)
                .setParameter("hash", hash).uniqueResultOptional();
    }

    Optional<ApiKey> findById(String id) {
        return Optional.ofNullable(session.find(ApiKey.class, id));
    }

    List<ApiKey> page(String afterId, int limit) {
        var query = session.createSelectionQuery(
                "from ApiKey" + (afterId == null ? "" : " where id > :after") + " order by id", ApiKey.class);
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** Locks the active admin keys until commit, so two revocations cannot both see another admin. */
    int lockActiveAdmins() {
        return session.createSelectionQuery("from ApiKey where role = :admin and revokedAt is null", ApiKey.class)
                .setParameter("admin", Role.ADMIN).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().size();
    }

    long count() {
        return session.createSelectionQuery("select count(*) from ApiKey", Long.class).getSingleResult();
    }

    void persist(ApiKey key) {
        session.persist(key);
    }
}
