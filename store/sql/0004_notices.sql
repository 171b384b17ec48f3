-- Schema version 4: wall notices and 四议两公开 decisions (issue 4). Both replicated: id,
-- org_id (owning organisation), deleted, then the fields (see store/notice.go, decision.go).

-- A notice printed for the board (公示栏): one row per organisation, kind, period and
-- subject (id derived from them), with when it was printed and posted and a photo of the
-- posted sheet as proof.
CREATE TABLE notices (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    kind       TEXT NOT NULL DEFAULT '',   -- development, probation, dues, stars, theme-day, decision, birthdays, appraisal
    period     TEXT NOT NULL DEFAULT '',   -- YYYY-MM, YYYYQn or YYYY ('' if the kind has none)
    subject    TEXT NOT NULL DEFAULT '',   -- row the notice is about (decision, candidate) or ''
    printed_at TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM, this PC's clock
    posted_at  TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    photo      BLOB                        -- JPEG/PNG of the posted sheet
);
CREATE INDEX notices_org ON notices(org_id, kind, period);

-- 四议两公开: a village matter decided in four steps and published twice.
CREATE TABLE decisions (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    title            TEXT NOT NULL DEFAULT '',
    content          TEXT NOT NULL DEFAULT '',   -- the matter and the plan
    proposed_on      TEXT NOT NULL DEFAULT '',   -- 1 村党组织提议
    discussed_on     TEXT NOT NULL DEFAULT '',   -- 2 村"两委"会议商议
    reviewed_on      TEXT NOT NULL DEFAULT '',   -- 3 党员大会审议
    resolved_on      TEXT NOT NULL DEFAULT '',   -- 4 村民会议或村民代表会议决议
    resolution_body  TEXT NOT NULL DEFAULT '',   -- villagers or representatives
    votes_due        INTEGER NOT NULL DEFAULT 0, -- due to attend the resolving meeting
    votes_present    INTEGER NOT NULL DEFAULT 0,
    votes_for        INTEGER NOT NULL DEFAULT 0,
    published_on     TEXT NOT NULL DEFAULT '',   -- 5 决议公开
    result           TEXT NOT NULL DEFAULT '',   -- what was done, with money spent
    result_published_on TEXT NOT NULL DEFAULT '', -- 6 实施结果公开
    merged           INTEGER NOT NULL DEFAULT 0  -- secretary is also village head: steps 1 and 2 held together
);
CREATE INDEX decisions_org ON decisions(org_id, proposed_on);
