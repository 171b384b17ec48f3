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

-- 党员教育培训 (中国共产党党员教育管理工作条例, 2019): a training the branch's members
-- attended — its own 专题党课 or study, or the township's, the county party school's or an
-- online course — with its class hours (×10: half hours happen). Owned by the village.
CREATE TABLE trainings (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    title       TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    tenths      INTEGER NOT NULL DEFAULT 0, -- class hours × 10
    kind        TEXT NOT NULL DEFAULT '',   -- central, school, lecture, online
    organiser   TEXT NOT NULL DEFAULT '',
    meeting_id  TEXT NOT NULL DEFAULT '',   -- the 党课 meeting it was, if any
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX trainings_date ON trainings(org_id, date);

-- Who attended a training (one row per member; its ID derived from both).
CREATE TABLE training_attendance (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    training_id TEXT NOT NULL DEFAULT '',
    member_id   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX training_attendance_training ON training_attendance(training_id);
CREATE INDEX training_attendance_member ON training_attendance(member_id);
