package dev.parley.document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.citation.QuoteLocator;
import dev.parley.citation.TextAnchor;
import dev.parley.common.ApiException;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.document.QuoteMatcher.Ambiguous;
import dev.parley.document.QuoteMatcher.Context;
import dev.parley.document.QuoteMatcher.Found;
import dev.parley.document.QuoteMatcher.NotFound;

/**
 * Anchors citations' quotes in documents: in the held text with {@link QuoteMatcher}, else as the
 * caller says. A held text never changes, so its folded form is kept, by the text's SHA-256, for
 * the texts cited most recently: reading and folding 1 MiB costs a write about 20 ms, a search of
 * the folded form well under one (BENCHMARKS.md, Q).
 */
@ApplicationScoped
class DocumentQuotes implements QuoteLocator {

    /** UTF-16 units of text whose folded forms are kept: about 16 MB of heap at most. */
    static final long KEPT_CHARS = 2 * 1024 * 1024;

    private static final String RULE = " Quotes are compared in Unicode NFC, with curly and straight quote marks and"
            + " runs of white space equal, and nothing else forgiven.";

    private final DocumentRepository documents;
    /** Folded texts by SHA-256, least recently used first. */
    private final LinkedHashMap<String, QuoteMatcher.Prepared> folded = new LinkedHashMap<>(16, 0.75f, true);
    private long keptChars;

    DocumentQuotes(DocumentRepository documents) {
        this.documents = documents;
    }

    @Override
    public TextAnchor anchor(String documentId, String quote, TextAnchor requested) {
        Document document = documents.find(documentId).orElseThrow(() -> new ApiException(422, "UNKNOWN_DOCUMENT",
                "Unknown document", "No document '" + documentId + "'; create it under /documents first.",
                List.of(new FieldError("/document_id", "no document with id '" + documentId + "'"))));
        if (!document.textHeld) {
            if (requested != null && requested.exact() != null && !requested.exact().equals(quote)) {
                throw mismatch(document, "/anchor/exact",
                        "must be the quote, since Parley does not hold the document's text");
            }
            return requested == null ? new TextAnchor(quote, null, null, null, null)
                    : new TextAnchor(quote, requested.prefix(), requested.suffix(), requested.start(), requested.end());
        }
        if (!QuoteMatcher.matchable(quote)) {
            throw new InvalidRequest("/quote", "must hold more than white space");
        }
        Context context = requested == null ? Context.NONE
                : new Context(requested.prefix(), requested.suffix(), requested.start());
        return switch (prepared(document).find(quote, context)) {
            case Found found -> checked(document, found, requested);
            case NotFound notFound -> throw notFound(document, notFound);
            case Ambiguous ambiguous -> throw ambiguous(document, ambiguous);
        };
    }

    /** The document's folded text, kept or made now. */
    private QuoteMatcher.Prepared prepared(Document document) {
        synchronized (folded) {
            QuoteMatcher.Prepared kept = folded.get(document.textSha256);
            if (kept != null) {
                return kept;
            }
        }
        String text = documents.text(document.id).orElseThrow(
                () -> new IllegalStateException("Document " + document.id + " is marked as held but has no text"));
        QuoteMatcher.Prepared prepared = QuoteMatcher.prepare(text);
        synchronized (folded) {
            if (folded.put(document.textSha256, prepared) == null) {
                keptChars += text.length();
            }
            var eldest = folded.entrySet().iterator();
            while (keptChars > KEPT_CHARS && folded.size() > 1) {
                keptChars -= eldest.next().getValue().chars();
                eldest.remove();
            }
        }
        return prepared;
    }

    private static TextAnchor checked(Document document, Found found, TextAnchor requested) {
        if (requested != null && requested.end() != null && requested.end() != found.end()) {
            throw mismatch(document, "/anchor/end", "is " + requested.end() + " but the quote found ends at " + found.end());
        }
        if (requested != null && requested.exact() != null && !requested.exact().equals(found.exact())) {
            throw mismatch(document, "/anchor/exact", "is not the text's own words at [" + found.start() + ", "
                    + found.end() + ")");
        }
        return new TextAnchor(found.exact(), found.prefix(), found.suffix(), found.start(), found.end());
    }

    private static ApiException notFound(Document document, NotFound notFound) {
        if (notFound.withoutContext() == 0) {
            return new ApiException(422, "QUOTE_NOT_IN_DOCUMENT", "Quote not in document",
                    "The quote does not occur in the text of document '" + document.id + "'." + RULE,
                    List.of(new FieldError("/quote", "does not occur in document '" + document.id + "'")));
        }
        return new ApiException(422, "QUOTE_NOT_IN_DOCUMENT", "Quote not in document",
                "The quote occurs in the text of document '" + document.id + "' at " + places(notFound.withoutContext())
                        + ", but at none that anchor's prefix, suffix and start describe." + RULE,
                List.of(new FieldError("/anchor", "describes no place the quote occurs at")));
    }

    private static ApiException ambiguous(Document document, Ambiguous ambiguous) {
        String offsets = ambiguous.places().stream().map(p -> "[" + p.start() + ", " + p.end() + ")")
                .collect(Collectors.joining(", "));
        String more = ambiguous.count() > ambiguous.places().size() ? ", and more" : "";
        return new ApiException(422, "QUOTE_AMBIGUOUS", "Quote is ambiguous",
                "The quote occurs in the text of document '" + document.id + "' at " + places(ambiguous.count())
                        + " (code points " + offsets + more + "); give anchor.prefix, anchor.suffix or anchor.start"
                        + " to choose one.",
                List.of(new FieldError("/quote", "occurs at " + places(ambiguous.count()) + ": " + offsets + more)));
    }

    private static String places(int count) {
        return count == 1 ? "1 place" : count + " places";
    }

    private static ApiException mismatch(Document document, String pointer, String message) {
        return new ApiException(422, "ANCHOR_MISMATCH", "Anchor does not fit the document",
                "The anchor given disagrees with document '" + document.id + "': " + pointer.substring(1) + " "
                        + message + ".",
                List.of(new FieldError(pointer, message)));
    }
}
