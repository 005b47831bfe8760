package dev.parley.citation;

/**
 * Anchors a citation's quote in the document it names. The document feature implements it, so
 * citations refer to documents by id without depending on them.
 */
public interface QuoteLocator {

    /**
     * The anchor to store for {@code quote} in document {@code documentId}: found in the document's
     * text when Parley holds it, and checked against whatever {@code requested} gives (it may be
     * null); else {@code requested} as given, with {@code exact} the quote.
     *
     * @throws dev.parley.common.ApiException 422 {@code UNKNOWN_DOCUMENT}, {@code QUOTE_NOT_IN_DOCUMENT},
     *         {@code QUOTE_AMBIGUOUS} or {@code ANCHOR_MISMATCH}, with pointers relative to the
     *         citation ({@code /document_id}, {@code /quote}, {@code /anchor/...})
     */
    TextAnchor anchor(String documentId, String quote, TextAnchor requested);
}
