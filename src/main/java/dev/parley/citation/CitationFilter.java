package dev.parley.citation;

/** The filters of the citation list; each is optional. */
public record CitationFilter(String demand, String party, String source, String document) {

    /** The filters of API v1. */
    public CitationFilter(String demand, String party, String source) {
        this(demand, party, source, null);
    }

    String fingerprint() {
        return "citations|" + demand + "|" + party + "|" + source + (document == null ? "" : "|" + document);
    }
}
