package dev.parley.webhook;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.Session;

/** Every query on subscriptions. */
@ApplicationScoped
class WebhookRepository {

    private final Session session;

    WebhookRepository(Session session) {
        this.session = session;
    }

    Optional<Webhook> findById(String id) {
        return Optional.ofNullable(session.find(Webhook.class, id));
    }

    List<Webhook> page(String afterId, int limit) {
        var query = session.createSelectionQuery(
                "from Webhook" + (afterId == null ? "" : " where id > :after") + " order by id", Webhook.class);
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /**
     * Subscriptions whose secret or previous secret is not sealed under the key id {@code keyId}
     * (plain text from before V70, or sealed under a previous key), locked until the transaction ends.
     */
    List<Webhook> lockSealedOtherwiseThan(String keyId) {
        String current = "v1:" + keyId + ":%";
        return session.createSelectionQuery("from Webhook where secret not like :current"
                + " or (previousSecret is not null and previousSecret not like :current) order by id", Webhook.class)
                .setParameter("current", current)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    void persist(Webhook webhook) {
        session.persist(webhook);
    }

    void delete(Webhook webhook) {
        session.remove(webhook);
        session.flush();
    }
}
