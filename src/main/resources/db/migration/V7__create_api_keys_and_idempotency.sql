create table api_key (
  id varchar(44) primary key,
  name varchar(100) not null,
  role varchar(10) not null,
  key_hash varchar(64) not null,
  created_at timestamp with time zone not null,
  revoked_at timestamp with time zone,
  constraint api_key_hash_key unique (key_hash)
);

-- The first answer to a POST sent with an Idempotency-Key, replayed to retries for 24 hours.
create table idempotency_key (
  caller varchar(100) not null,
  idempotency_key varchar(255) not null,
  request_hash varchar(64) not null,
  status integer,
  location varchar(2000),
  body varchar(1000000),
  created_at timestamp with time zone not null,
  primary key (caller, idempotency_key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);
