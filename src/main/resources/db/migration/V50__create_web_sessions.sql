-- Browser sessions of the web app: a signed-in API key behind an HttpOnly cookie. Only the
-- SHA-256 of the cookie's token is stored; csrf_token is sent back in a header on every write.
create table web_session (
  token_hash varchar(64) primary key,
  api_key_id varchar(44) not null references api_key (id) on delete cascade,
  csrf_token varchar(64) not null,
  created_at timestamp with time zone not null,
  last_seen_at timestamp with time zone not null
);
create index web_session_last_seen_idx on web_session (last_seen_at);
