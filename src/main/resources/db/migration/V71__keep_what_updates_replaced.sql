-- What an update (*.updated) replaced: the members of the subject's view it changed, with their
-- values before it, beside data (the view after). Null on every other change and on updates logged
-- before this column.
alter table change_log add column before_data varchar(1000000);
