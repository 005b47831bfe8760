-- The version scopes each writing transaction moved, on its last change (null on the others): every
-- replica keeps the versions it serves in memory and follows the log by cursor to learn which ones
-- other replicas moved (VersionCache). Stored with the change rather than found through an index on
-- resource_version.version, which would make every version bump a non-HOT update on PostgreSQL.
alter table change_log add column scopes varchar(1000000);
