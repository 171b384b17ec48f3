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

-- 软弱涣散/后进党组织整顿 (source 003: 「软弱涣散党组织整顿」, 「开展后进党支部整改工作…约谈提醒、
-- 列席组织生活会」): the township names a village for a year with its reasons, a 包联 leader and
-- a plan whose items are task-list items (tasks, source 整顿), records its 约谈 and 列席 and the
-- monthly progress, and closes it (销号) with a review. Township-written; each row reaches only
-- the village it is about.
CREATE TABLE rectifications (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    village_id  TEXT NOT NULL DEFAULT '',
    year        INTEGER NOT NULL DEFAULT 0,
    reasons     TEXT NOT NULL DEFAULT '',   -- slugs, comma-separated
    reason_text TEXT NOT NULL DEFAULT '',
    leader      TEXT NOT NULL DEFAULT '',   -- the 包联 leader
    plan        TEXT NOT NULL DEFAULT '',   -- the plan in words
    tasks       TEXT NOT NULL DEFAULT '',   -- the plan's task-list items, IDs comma-separated
    closed_on   TEXT NOT NULL DEFAULT '',   -- 销号 date
    review      TEXT NOT NULL DEFAULT '',   -- the review at 销号
    created_at  TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX rectifications_village ON rectifications(village_id, year);

-- What the township did: 约谈 (a talk with the secretary), 列席 (attending the branch's
-- 组织生活会) and monthly progress notes.
CREATE TABLE rectification_events (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    rectification_id TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT '', -- talk, attend, progress
    day              TEXT NOT NULL DEFAULT '',
    by_person        TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX rectification_events_parent ON rectification_events(rectification_id);
