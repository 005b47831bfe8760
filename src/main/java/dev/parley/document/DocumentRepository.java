package dev.parley.document;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Every query on documents and their texts. */
@ApplicationScoped
class DocumentRepository {

    private final Session session;

    DocumentRepository(Session session) {
        this.session = session;
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(session.find(Document.class, id));
    }

    /** Documents in id order (creation order), narrowed to one source when it is given. */
    /** The documents with the given ids, in one statement; unknown ids are left out. */
    List<Document> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery("from Document d where d.id in :ids", Document.class)
                .setParameter("ids", ids).getResultList();
    }

    List<Document> page(String sourceId, String afterId, int limit) {
        var query = session.createSelectionQuery("from Document d where 1 = 1"
                + (sourceId == null ? "" : " and d.source.id = :source")
                + (afterId == null ? "" : " and d.id > :after") + " order by d.id", Document.class);
        if (sourceId != null) {
            query.setParameter("source", sourceId);
        }
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    Optional<String> text(String documentId) {
        return Optional.ofNullable(session.find(DocumentText.class, documentId)).map(t -> t.text);
    }

    void persist(Document document) {
        session.persist(document);
    }

    void persist(DocumentText text) {
        session.persist(text);
    }
}
