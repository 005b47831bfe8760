-- What each change is about, so the feed, the stream and webhooks can be scoped to one negotiation,
-- demand or party, or to transitions into one status. Written with the change; null where it does not
-- apply (a source has no negotiation) and on changes logged before this column existed.
alter table change_log add column negotiation varchar(80);
alter table change_log add column demand varchar(80);
-- ',party,party,' so one LIKE finds a party, as webhook.event_types does for types.
alter table change_log add column parties varchar(2000);
alter table change_log add column to_status varchar(30);

-- A subscription's scope; null matches everything.
alter table webhook add column negotiation varchar(80);
alter table webhook add column demand varchar(80);
alter table webhook add column party varchar(80);
alter table webhook add column to_status varchar(30);
