-- Schema version 13: branch work the sources name (issue 24 items 2-4).

-- 发展党员指导性计划 (source 003: 「制定并印发《全县xxxx年发展党员指导性计划》…每季度…调度」):
-- a yearly quota the township sets for each village (the county for each township). One row
-- per target organisation and year (its ID derived from both), owned by whoever set it: a
-- township's row about a village reaches that village only.
CREATE TABLE dev_plans (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    target_id   TEXT NOT NULL DEFAULT '',   -- the village (or, set by the county, the township)
    year        INTEGER NOT NULL DEFAULT 0,
    quota       INTEGER NOT NULL DEFAULT 0, -- members to admit in the year
    note        TEXT NOT NULL DEFAULT '',
    set_at      TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM
    set_by      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX dev_plans_target ON dev_plans(target_id, year);
