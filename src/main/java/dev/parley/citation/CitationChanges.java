package dev.parley.citation;

import java.util.List;

import dev.parley.etag.Scopes;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeType;
import dev.parley.feed.Subject;

/**
 * Every change a source or citation write records, and the version scopes it moves. The read side
 * names the same scopes in {@code @Versioned} on {@link SourceResource} and {@link
 * CitationResource}; positions embed citations, so an edit also moves {@link Scopes#CITATION_EDITS}.
 */
final class CitationChanges {

    /** The source list. */
    static final String SOURCES = "sources";
    /** One source, addressed by the {@code id} path parameter. */
    static final String SOURCE = "source:{id}";
    /** One citation, addressed by the {@code id} path parameter. */
    static final String CITATION = "citation:{id}";

    private CitationChanges() {
    }

    static Change sourceCreated(Source source) {
        return new Change(ChangeType.SOURCE_CREATED, Subject.id("source", source.id), SourceView.from(source),
                sourceScopes(source.id));
    }

    static Change sourceUpdated(Source source) {
        return new Change(ChangeType.SOURCE_UPDATED, Subject.id("source", source.id), SourceView.from(source),
                sourceScopes(source.id));
    }

    static Change citationCreated(Citation citation) {
        return new Change(ChangeType.CITATION_CREATED, Subject.id("citation", citation.id),
                CitationView.from(citation), List.of(Scopes.CITATIONS, Scopes.fill(CITATION, citation.id)));
    }

    static Change citationUpdated(Citation citation) {
        return new Change(ChangeType.CITATION_UPDATED, Subject.id("citation", citation.id),
                CitationView.from(citation),
                List.of(Scopes.CITATIONS, Scopes.CITATION_EDITS, Scopes.fill(CITATION, citation.id)));
    }

    private static List<String> sourceScopes(String id) {
        return List.of(SOURCES, Scopes.fill(SOURCE, id));
    }
}
