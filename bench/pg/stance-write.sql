-- One stance PUT as Parley sends it to PostgreSQL, statement for statement (as logged with
-- log_statement = 'all' for a write that also moves the demand's status, and without webhooks):
-- pgbench runs it (-M prepared) to measure what PostgreSQL alone can do of this transaction on the
-- machine, without the service. bench_pos (made by bench.py from the loaded data) gives each client
-- a random demand, its first addressee's position and the slugs the scopes are named after.
-- Batches the service sends in one round trip are pipelined here. Keep it in step with the write
-- path: bench.py counts the Hibernate statements of a PUT and reports both numbers.
\set n random(1, :positions)
select pid, did, dslug, nslug from bench_pos where n = :n \gset
BEGIN;
select d.id, d.created_at, d.kind, d.negotiation_id, n.id, n.created_at, n.ended_on, n.slug, n.started_on, n.summary, n.title, n.updated_at, d.proposer_id, d.slug, d.status, d.tabled_on, d.text, d.title, d.topic, d.updated_at, a.demand_id, a.ordinal, p.id, p.created_at, p.kind, p.name, p.slug, p.updated_at, p.wikidata_id from demand d join negotiation n on n.id = d.negotiation_id left join demand_addressee a on a.demand_id = d.id left join party p on p.id = a.party_id where d.slug = :dslug;
select p.id, p.current_change_id, p.demand_id, p.effective_on, p.party_id, pa.id, pa.created_at, pa.kind, pa.name, pa.slug, pa.updated_at, pa.wikidata_id, p.role, p.status from demand_position p join party pa on pa.id = p.party_id where p.demand_id = :did order by p.role desc, p.id;
select c.id, c.created_at, c.kind, c.published_on, c.quote, c.relation, c.source_id, c.speaker, c.title, c.url from citation c where c.id = any ('{cit_seed0001}');
insert into position_change (effective_on, note, position_id, recorded_at, recorded_by, status) values ('2022-03-01', null, :pid, now(), 'bench', 'REJECTED') returning id as cid \gset
update demand set status = 'REJECTED', updated_at = now() where id = :did;
update demand_position set current_change_id = :cid, effective_on = '2022-03-01', status = 'REJECTED' where id = :pid;
insert into position_change_citation (change_id, ordinal, citation_id) values (:cid, 0, 'cit_seed0001');
update change_cursor set last_cursor = greatest(last_cursor, pruned_through, (select coalesce(max(l.id), 0) from change_log l)) + 2 where id = 1 returning last_cursor as lc \gset
select scope, version from resource_version where scope in ('positions:' || :dslug, 'citation-edits');
\startpipeline
insert into change_log (id, type, occurred_at, subject_kind, subject_key, data, recorded_by, scopes) values (:lc - 1, 'position.changed', now(), 'position', :dslug, '{"demand":"a-demand","party":"a-party","role":"ADDRESSEE","status":"REJECTED","effective_on":"2022-03-01","citations":[{"id":"cit_seed0001","source_id":"src_seed000","title":"A headline","published_on":"2022-02-17","quote":"A quote of about two hundred characters, as the seed citations have, which the change log copies into every position.changed change because a change carries the subject as it is now.","kind":"REPORTED","relation":"SUPPORTS"}],"recorded_at":"2026-12-01T20:40:36.924Z","recorded_by":"bench"}', 'bench', null);
insert into change_log (id, type, occurred_at, subject_kind, subject_key, data, recorded_by, scopes) values (:lc, 'demand.updated', now(), 'demand', :dslug, '{"slug":"a-demand","negotiation":"a-negotiation","proposer":"russia","addressees":["united-states","nato"],"title":"A title","text":"A demand in one or two sentences.","topic":"nato-enlargement","kind":"DEMAND","tabled_on":"2021-12-17","status":"REJECTED"}', 'bench', 'positions:' || :dslug || ' matrix:' || :nslug || ' citations demands demand:' || :dslug);
\endpipeline
\startpipeline
insert into webhook_delivery (id, webhook_id, event_type, payload, status, attempts, next_attempt_at, created_at) select 'msg_a' || :lc, w.id, 'position.changed', '{}', 'PENDING', 0, now(), now() from webhook w where w.active = true and (w.event_types like '%,*,%' or w.event_types like '%,position.changed,%');
insert into webhook_delivery (id, webhook_id, event_type, payload, status, attempts, next_attempt_at, created_at) select 'msg_b' || :lc, w.id, 'demand.updated', '{}', 'PENDING', 0, now(), now() from webhook w where w.active = true and (w.event_types like '%,*,%' or w.event_types like '%,demand.updated,%');
\endpipeline
update resource_version set version = :lc where scope in ('positions:' || :dslug, 'matrix:' || :nslug, 'citations', 'demands', 'demand:' || :dslug);
COMMIT;
