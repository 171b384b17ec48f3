-- Schema version 7: the township office (issue 9): month approvals and announcements.

-- A village's month as the township reviewed it. Owned by the township (org_id), so it
-- reaches every village and no village can change it; village_id names the village.
-- id is derived from (village, month).
CREATE TABLE period_approvals (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    village_id  TEXT NOT NULL DEFAULT '',
    month       TEXT NOT NULL DEFAULT '',   -- YYYY-MM
    state       TEXT NOT NULL DEFAULT '',   -- approved (locked) or unlocked
    approved_at TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM
    approved_by TEXT NOT NULL DEFAULT '',
    unlocked_at TEXT NOT NULL DEFAULT '',
    unlocked_by TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''    -- why it was unlocked
);
CREATE INDEX period_approvals_village ON period_approvals(village_id, month);

-- 通知: an announcement the township sends down to some or all villages.
CREATE TABLE announcements (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    villages   TEXT NOT NULL DEFAULT '',   -- village org IDs, comma-separated; '' for every village
    sent_at    TEXT NOT NULL DEFAULT ''    -- YYYY-MM-DD HH:MM
);

-- An announcement's attachments (at most 1 MB each).
CREATE TABLE announcement_files (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    announcement_id TEXT NOT NULL DEFAULT '',
    name            TEXT NOT NULL DEFAULT '',
    data            BLOB
);
CREATE INDEX announcement_files_announcement ON announcement_files(announcement_id);
