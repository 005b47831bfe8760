create table source (
  id varchar(44) primary key,
  name varchar(200) not null,
  kind varchar(30) not null,
  reliability varchar(1) not null,
  reliability_note varchar(2000),
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null
);

create table citation (
  id varchar(44) primary key,
  source_id varchar(44) not null references source (id),
  title varchar(500) not null,
  url varchar(2000),
  published_on date,
  quote varchar(4000) not null,
  speaker varchar(200),
  kind varchar(20) not null,
  relation varchar(20) not null,
  created_at timestamp with time zone not null
);
create index citation_source_idx on citation (source_id);
