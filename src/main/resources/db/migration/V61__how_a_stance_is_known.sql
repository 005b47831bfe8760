-- How a stance is known (API.md v1.1, Evidence): the basis of each recorded stance, how exactly its
-- day is known, corrections and retractions, the relation on the stance-citation link, and the
-- evidence flags kept beside the status so lists filter on them without a scan.

alter table position_change add column basis varchar(30);
alter table position_change add column effective_on_precision varchar(20) default 'DAY' not null;
alter table position_change add column change_kind varchar(20) default 'STANCE' not null;
alter table position_change add column corrects_id bigint references position_change (id) on delete cascade;
alter table position_change add column reason varchar(2000);
-- Comma-framed (",SINGLE_SOURCE,CONTESTED,") so that a filter is one LIKE; empty when none.
alter table position_change add column flags varchar(200) default '' not null;
-- A change is corrected or retracted at most once; a second attempt fails here even when two race.
create unique index position_change_corrects_key on position_change (corrects_id);

-- The relation belongs to the link: one citation may support one stance and be context for another.
-- Today's links keep the relation their citation was created with.
alter table position_change_citation add column relation varchar(20);
update position_change_citation set relation = (select c.relation from citation c
  where c.id = position_change_citation.citation_id);
alter table position_change_citation alter column relation set not null;

alter table demand_position add column flags varchar(200) default '' not null;
alter table demand add column flags varchar(200) default '' not null;
-- The explanation of the derived status, kept with it ("RULE|party:STATUS:change;...|FLAG,..."); a
-- demand not written since this migration has none until its next write.
alter table demand add column explanation varchar(8000);

-- The flags today's data already supports: one source behind all supporting citations, and a
-- contradicting citation. Basis and precision were not recorded before, so no other flag applies.
update position_change set flags = ',SINGLE_SOURCE,' where change_kind = 'STANCE' and 1 = (
  select count(distinct c.source_id) from position_change_citation l join citation c on c.id = l.citation_id
  where l.change_id = position_change.id and l.relation = 'SUPPORTS');
update position_change set flags = case when flags = '' then ',' else flags end || 'CONTESTED,' where exists (
  select 1 from position_change_citation l where l.change_id = position_change.id and l.relation = 'CONTRADICTS');
update demand_position set flags = coalesce((select pc.flags from position_change pc
  where pc.id = demand_position.current_change_id), '');
-- A demand's flags are its counted positions' (proposers and addressees); the next write of the
-- demand narrows them to the stances its status rule used.
update demand set flags = ',SINGLE_SOURCE,' where exists (select 1 from demand_position p
  where p.demand_id = demand.id and p.role <> 'CONCERNED' and p.flags like '%,SINGLE_SOURCE,%');
update demand set flags = case when flags = '' then ',' else flags end || 'CONTESTED,' where exists (
  select 1 from demand_position p where p.demand_id = demand.id and p.role <> 'CONCERNED'
  and p.flags like '%,CONTESTED,%');
