-- Schema version 2: organisational life, rules and the member lifecycle (issue 3).
-- Meetings of every kind (三会一课, 主题党日, 组织生活会, 民主评议, 谈心谈话), their attendance,
-- items and photos; the month's theme-day programme; appraisal ratings. All replicated:
-- id, org_id (owning organisation), deleted, then the fields (see store/meeting*.go,
-- themeday.go, appraisal.go).

CREATE TABLE meetings (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    kind        TEXT NOT NULL DEFAULT '',   -- general, committee, group, lecture, theme-day, life, appraisal, talk
    date        TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    time        TEXT NOT NULL DEFAULT '',   -- HH:MM
    place       TEXT NOT NULL DEFAULT '',
    topic       TEXT NOT NULL DEFAULT '',
    host_id     TEXT NOT NULL DEFAULT '',   -- member
    recorder_id TEXT NOT NULL DEFAULT '',   -- member
    group_id    TEXT NOT NULL DEFAULT '',   -- party group (group meetings)
    theme_id    TEXT NOT NULL DEFAULT '',   -- theme_days row (theme-day meetings)
    guests      TEXT NOT NULL DEFAULT '',   -- 列席: non-member attendees
    minutes     TEXT NOT NULL DEFAULT '',
    resolutions TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_org_date ON meetings(org_id, date);

-- One row per member expected at a meeting; id derived from (meeting, member).
CREATE TABLE meeting_attendance (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    meeting_id TEXT NOT NULL DEFAULT '',
    member_id  TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT '',    -- present, leave, floating, sick, unexcused
    voting     INTEGER NOT NULL DEFAULT 0,  -- a full member when recorded (has a vote)
    note       TEXT NOT NULL DEFAULT ''     -- how an absent member was reached (送学上门 …)
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance(meeting_id);

-- Items of a meeting: a theme day's 规定动作 (set) and 自选动作 (own), with what was done.
CREATE TABLE meeting_items (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    meeting_id TEXT NOT NULL DEFAULT '',
    ord        INTEGER NOT NULL DEFAULT 0,
    kind       TEXT NOT NULL DEFAULT '',    -- set, own
    title      TEXT NOT NULL DEFAULT '',
    done       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_items_meeting ON meeting_items(meeting_id);

-- Photos of a meeting, stored in the database (size-limited), with a small thumbnail.
CREATE TABLE meeting_photos (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    meeting_id TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    image      BLOB,
    thumb      BLOB
);
CREATE INDEX meeting_photos_meeting ON meeting_photos(meeting_id);

-- The month's theme-day programme: sent down by the township (owned by it) or recorded by a
-- village itself when none came. set_items holds the 规定动作, one per line.
CREATE TABLE theme_days (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    month     TEXT NOT NULL DEFAULT '',     -- YYYY-MM
    title     TEXT NOT NULL DEFAULT '',
    set_items TEXT NOT NULL DEFAULT '',
    note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX theme_days_month ON theme_days(month);

-- 民主评议 ratings: one row per member and year; id derived from (org, year, member).
CREATE TABLE appraisals (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    year      TEXT NOT NULL DEFAULT '',
    member_id TEXT NOT NULL DEFAULT '',
    rating    TEXT NOT NULL DEFAULT '',     -- excellent, qualified, basic, unqualified
    note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appraisals_org_year ON appraisals(org_id, year);
