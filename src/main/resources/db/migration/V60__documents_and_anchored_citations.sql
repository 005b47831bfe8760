-- Evidence (API.md v1.1): the documents citations quote from, with their full text where Parley may
-- hold it, and citations anchored in them.

create table document (
  id varchar(44) primary key,
  title varchar(500) not null,
  url varchar(2000),
  archived_url varchar(2000),
  source_id varchar(44) references source (id),
  published_on date,
  published_on_precision varchar(20) not null,
  retrieved_at timestamp with time zone,
  language varchar(35),
  text_held boolean not null,
  text_sha256 varchar(64),
  text_length integer,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null
);
create index document_source_idx on document (source_id, id);

-- The text apart from the metadata, so that lists never read it; at most 1 MiB of UTF-8, so at
-- most 1048576 characters. Written once: a document's text never changes.
create table document_text (
  document_id varchar(44) primary key references document (id),
  text varchar(1048576) not null
);

alter table citation add column document_id varchar(44) references document (id);
-- The anchor: exact is the document's own slice [anchor_start, anchor_end) in code points, which
-- may be longer than the quote where the text has longer runs of white space.
alter table citation add column anchor_exact varchar(1048576);
alter table citation add column anchor_prefix varchar(200);
alter table citation add column anchor_suffix varchar(200);
alter table citation add column anchor_start integer;
alter table citation add column anchor_end integer;
-- Relays between speaker and publisher, in order, joined by U+001F (which no name may hold).
alter table citation add column via varchar(2100);
alter table citation add column language varchar(35);
alter table citation add column translated boolean;
alter table citation add column original_quote varchar(4000);
alter table citation add column credibility smallint;
create index citation_document_idx on citation (document_id, id);
