-- Schema version 8: task lists and rectification (问题/任务/整改清单, 整改台账; issue 13).

-- An item raised for a village. Owned by whoever raised it: the township (then it reaches
-- every village and no village can change it; a village shows only the items whose
-- village_id is its own) or the village itself. The review (accepted or returned) is the
-- owner's, in this row; review_of names the completion it judged.
CREATE TABLE tasks (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    village_id  TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT '',   -- problem, task or rectify
    title       TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',   -- the responsible person
    source      TEXT NOT NULL DEFAULT '',   -- 督导, 述职评议, 上级通报, 自查 …
    due         TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    created_at  TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM
    review      TEXT NOT NULL DEFAULT '',   -- '', accepted or returned
    review_of   TEXT NOT NULL DEFAULT '',   -- the task_events row (kind done) reviewed
    reviewed_at TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''    -- why it was returned
) STRICT;
CREATE INDEX tasks_village ON tasks(village_id, due);

-- What the village did about an item: progress notes and its completion with evidence.
-- Owned by the village, so it syncs up and only the village writes it.
CREATE TABLE task_events (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    task_id     TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT '',   -- progress or done
    day         TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    note        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM:SS when recorded
    by_user     TEXT NOT NULL DEFAULT '',
    photo_name  TEXT NOT NULL DEFAULT '',
    photo       BLOB
) STRICT;
CREATE INDEX task_events_task ON task_events(task_id);
