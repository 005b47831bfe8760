package dev.parley.citation;

/** The filters of the citation list; each is optional. */
public record CitationFilter(String demand, String party, String source) {

    String fingerprint() {
        return "citations|" + demand + "|" + party + "|" + source;
    }
}
