-- Row-level change feed: each commit also logs the state paths it wrote (server/store/units.ts),
-- so an instance behind reads back just those rows instead of reloading whole corps.
-- NULL: the commit wrote too much to list (or predates this column): its corps are reloaded whole.
ALTER TABLE core_changes ADD COLUMN paths jsonb;
