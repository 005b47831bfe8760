package dev.parley.webhook;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on subscriptions. */
@ApplicationScoped
public class WebhookRepository {

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

    void persist(Webhook webhook) {
        session.persist(webhook);
    }

    void delete(Webhook webhook) {
        session.remove(webhook);
        session.flush();
    }
}
