-- One row holds the last cursor handed out. Every writing transaction bumps it right before it
-- appends its changes, so the row lock orders writers: cursors become visible in commit order and a
-- reader paging with "after" can never skip a change that commits late.
create table change_cursor (
  id integer primary key,
  last_cursor bigint not null
);
insert into change_cursor (id, last_cursor) values (1, 0);

create table change_log (
  id bigint primary key,
  type varchar(40) not null,
  occurred_at timestamp with time zone not null,
  subject_kind varchar(20) not null,
  subject_key varchar(100) not null,
  data varchar(1000000) not null,
  recorded_by varchar(100) not null
);
create index change_log_occurred_idx on change_log (occurred_at);
