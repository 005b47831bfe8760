package dev.parley.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.citation.CitationService;
import dev.parley.citation.Source;
import dev.parley.common.ApiException;
import dev.parley.common.Clocks;
import dev.parley.common.FieldError;
import dev.parley.common.Ids;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.ChangeLog;
import dev.parley.http.BodyLimit;

/** Documents and their texts: metadata may change, a text once given never does. */
@ApplicationScoped
public class DocumentService {

    /** The most a held text may be: 1 MiB of UTF-8, as much as a request body may carry. */
    public static final long MAX_TEXT_BYTES = BodyLimit.MAX_BYTES;

    private final DocumentRepository documents;
    private final CitationService citations;
    private final ChangeLog changes;

    private final Clock clock;

    DocumentService(DocumentRepository documents, CitationService citations, ChangeLog changes, Clock clock) {
        this.clock = clock;
        this.documents = documents;
        this.citations = citations;
        this.changes = changes;
    }

    public Document require(String id) {
        return documents.find(id).orElseThrow(() -> new NotFound("document", id));
    }

    /** The documents with the given ids, in one statement, for pages that name several at once. */
    public List<Document> byIds(Collection<String> ids) {
        return documents.byIds(ids);
    }

    public Optional<Document> find(String id) {
        return documents.find(id);
    }

    public Page<Document> list(String sourceId, PageRequest page) {
        return page.page(documents.page(sourceId, page.after(), page.fetchSize()), d -> d.id);
    }

    /** The held text; 404 TEXT_NOT_HELD when Parley holds only the document's fingerprint. */
    public String text(String id) {
        Document document = require(id);
        return heldText(document).orElseThrow(() -> new ApiException(404, "TEXT_NOT_HELD", "Not found",
                "Parley does not hold the text of document '" + id + "'"
                        + (document.textSha256 == null ? "." : "; text_sha256 identifies it.")));
    }

    Optional<String> heldText(Document document) {
        return document.textHeld ? documents.text(document.id) : Optional.empty();
    }

    @Transactional
    public Document create(DocumentRequest request) {
        return create(Ids.next("doc"), request, "");
    }

    @Transactional
    public Document update(String id, UnaryOperator<DocumentRequest> edit) {
        Document document = require(id);
        changes.updating(DocumentChanges.updated(document));
        DocumentRequest edited = edit.apply(DocumentRequest.of(document));
        keepsText(document, edited, "");
        apply(document, edited, "");
        changes.record(DocumentChanges.updated(document));
        return document;
    }

    /**
     * Upserts from an imported bundle, keeping the bundle's id; answers true when the document was
     * new. A held text must be the bundle's, when the bundle gives one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(String id, DocumentRequest request, String pointer) {
        Optional<Document> existing = documents.find(id);
        if (existing.isEmpty()) {
            create(id, request, pointer);
            return true;
        }
        Document document = existing.get();
        // A bundle that leaves text_sha256 out says nothing about it; a merge patch that removes it does.
        keepsText(document, request.textSha256() != null ? request
                : new DocumentRequest(request.title(), request.url(), request.archivedUrl(), request.sourceId(),
                        request.publishedOn(), request.publishedOnPrecision(), request.retrievedAt(),
                        request.language(), request.text(), document.textSha256),
                pointer);
        DocumentRequest metadata = new DocumentRequest(request.title(), request.url(), request.archivedUrl(),
                request.sourceId(), request.publishedOn(), request.publishedOnPrecision(), request.retrievedAt(),
                request.language(), null, document.textSha256);
        if (!DocumentRequest.of(document).equals(metadata)) {
            changes.updating(DocumentChanges.updated(document));
            apply(document, metadata, pointer);
            changes.record(DocumentChanges.updated(document));
        }
        return false;
    }

    private Document create(String id, DocumentRequest request, String pointer) {
        Document document = new Document();
        document.id = id;
        document.createdAt = Clocks.now(clock);
        apply(document, request, pointer);
        if (request.text() != null) {
            String text = request.text();
            checkText(text, pointer);
            String sha256 = sha256(text);
            if (request.textSha256() != null && !request.textSha256().equals(sha256)) {
                throw new ApiException(422, "TEXT_SHA256_MISMATCH", "Text does not match its fingerprint",
                        "text_sha256 is not the SHA-256 of text's UTF-8 bytes, which is " + sha256 + ".",
                        List.of(new FieldError(pointer + "/text_sha256", "is not the SHA-256 of text")));
            }
            document.textHeld = true;
            document.textSha256 = sha256;
            document.textLength = text.codePointCount(0, text.length());
        } else {
            document.textHeld = false;
            document.textSha256 = request.textSha256();
        }
        documents.persist(document);
        if (document.textHeld) {
            DocumentText held = new DocumentText();
            held.documentId = id;
            held.text = request.text();
            documents.persist(held);
        }
        changes.record(DocumentChanges.created(document));
        return document;
    }

    /** Refuses a change of the text or of its fingerprint: either would change what citations quote. */
    private void keepsText(Document document, DocumentRequest request, String pointer) {
        if (request.text() != null) {
            checkText(request.text(), pointer);
            if (!document.textHeld || !sha256(request.text()).equals(document.textSha256)) {
                throw immutable(document, pointer + "/text");
            }
        }
        if (!Objects.equals(request.textSha256(), document.textSha256)) {
            throw immutable(document, pointer + "/text_sha256");
        }
    }

    private static ApiException immutable(Document document, String pointer) {
        return new ApiException(422, "DOCUMENT_TEXT_IMMUTABLE", "A document's text cannot change",
                "The text of document '" + document.id + "' and its text_sha256 are fixed once given; citations are"
                        + " anchored in them. Record a changed text as a new document.",
                List.of(new FieldError(pointer, "cannot change")));
    }

    private void apply(Document document, DocumentRequest request, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        boolean unknown = request.publishedOnPrecision() == PublishedPrecision.UNKNOWN;
        if (unknown && request.publishedOn() != null) {
            errors.add(new FieldError(pointer + "/published_on_precision", "is UNKNOWN, so published_on must be absent"));
        }
        if (!unknown && request.publishedOn() == null) {
            errors.add(new FieldError(pointer + "/published_on",
                    "is required with published_on_precision " + request.publishedOnPrecision()));
        }
        Source source = null;
        if (request.sourceId() != null) {
            source = citations.findSource(request.sourceId()).orElse(null);
            if (source == null) {
                errors.add(new FieldError(pointer + "/source_id", "no source with id '" + request.sourceId() + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        document.title = request.title();
        document.url = request.url();
        document.archivedUrl = request.archivedUrl();
        document.source = source;
        document.publishedOn = request.publishedOn();
        document.publishedOnPrecision = request.publishedOnPrecision();
        document.retrievedAt = request.retrievedAt();
        document.language = request.language();
        document.updatedAt = Clocks.now(clock);
    }

    /** At most 1 MiB of UTF-8, not empty, and well-formed: a lone surrogate has no UTF-8 and no stable hash. */
    private static void checkText(String text, String pointer) {
        if (text.isEmpty()) {
            throw new InvalidRequest(pointer + "/text", "must not be empty; leave text out when Parley does not hold it");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequest(pointer + "/text", "holds a lone surrogate at UTF-16 index " + i
                        + "; it must be well-formed Unicode");
            }
        }
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                    "text is " + bytes + " bytes of UTF-8; a document's text may be at most 1 MiB (1048576 bytes).",
                    List.of(new FieldError(pointer + "/text", "is longer than 1 MiB of UTF-8")));
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
