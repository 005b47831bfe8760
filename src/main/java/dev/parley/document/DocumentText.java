package dev.parley.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A document's full text, written once and never changed; apart so that no list reads it. */
@Entity
@Table(name = "document_text")
public class DocumentText {

    @Id
    @Column(name = "document_id")
    public String documentId;

    @Column(nullable = false, updatable = false)
    public String text;
}
