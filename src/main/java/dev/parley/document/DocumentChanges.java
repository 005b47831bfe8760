package dev.parley.document;

import java.util.List;

import dev.parley.etag.Scopes;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeType;
import dev.parley.feed.Subject;

/**
 * Every change a document write records, and the version scopes it moves. The read side names the
 * same scopes in {@code @Versioned} on {@link DocumentResource}; the text never changes, so the
 * document's scope covers it too.
 */
public final class DocumentChanges {

    /** The document list. */
    public static final String DOCUMENTS = "documents";
    /** One document and its text, addressed by the {@code id} path parameter. */
    static final String DOCUMENT = "document:{id}";

    private DocumentChanges() {
    }

    static Change created(Document document) {
        return new Change(ChangeType.DOCUMENT_CREATED, Subject.id("document", document.id),
                DocumentView.from(document), scopes(document));
    }

    static Change updated(Document document) {
        return new Change(ChangeType.DOCUMENT_UPDATED, Subject.id("document", document.id),
                DocumentView.from(document), scopes(document));
    }

    private static List<String> scopes(Document document) {
        return List.of(DOCUMENTS, Scopes.fill(DOCUMENT, document.id));
    }
}
