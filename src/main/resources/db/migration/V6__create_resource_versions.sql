-- The version behind each ETag: a scope (a resource, a list, a matrix) and the cursor of the last
-- change that touched it. Bumped in the writing transaction, read on a conditional GET without
-- loading the rows it stands for.
create table resource_version (
  scope varchar(200) primary key,
  version bigint not null
);

-- The last cursor the retention job removed: a reader asking after an older cursor has missed changes (410).
alter table change_cursor add column pruned_through bigint not null default 0;
