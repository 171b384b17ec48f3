-- Schema version 5: dues, the membership pipeline, calendar, points and transfers (issue 3).
-- Every table here is replicated (id, org_id, deleted, fields); see the store files that
-- register them: dues.go, pipeline.go, calendar.go, points.go, transfer.go.

-- A member's dues basis (党费基数), one row per member: id is the member's ID.
CREATE TABLE dues_profiles (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    kind          TEXT NOT NULL DEFAULT '',  -- salaried, retired, farmer, student, unemployed, relief
    income        INTEGER NOT NULL DEFAULT 0, -- monthly after-tax income or total pension, in fen
    basic_pension INTEGER NOT NULL DEFAULT 0, -- basic pension, in fen (retired members)
    fixed         INTEGER,                    -- amount set by the branch, in fen; NULL: computed
    note          TEXT NOT NULL DEFAULT ''
);

-- One payment per member and month; id derived from (member, month).
CREATE TABLE dues_payments (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    member_id TEXT NOT NULL DEFAULT '',
    month     TEXT NOT NULL DEFAULT '',      -- YYYY-MM the payment is for
    amount    INTEGER NOT NULL DEFAULT 0,    -- fen
    paid_date TEXT NOT NULL DEFAULT '',      -- YYYY-MM-DD
    note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dues_payments_member ON dues_payments(member_id, month);
CREATE INDEX dues_payments_org ON dues_payments(org_id, month);

-- 党费使用明细: what the branch spent its share of dues on.
CREATE TABLE dues_uses (
    id      TEXT PRIMARY KEY,
    org_id  TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    date    TEXT NOT NULL DEFAULT '',
    amount  INTEGER NOT NULL DEFAULT 0,      -- fen
    purpose TEXT NOT NULL DEFAULT '',
    note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dues_uses_org ON dues_uses(org_id, date);

-- 发展党员: a person going through the 25 steps.
CREATE TABLE candidates (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    name          TEXT NOT NULL DEFAULT '',
    gender        TEXT NOT NULL DEFAULT '',
    birth_date    TEXT NOT NULL DEFAULT '',
    id_number     TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT '',  -- active, dropped
    extension     INTEGER NOT NULL DEFAULT 0, -- months the probation was extended (once, ≤12)
    member_id     TEXT NOT NULL DEFAULT '',  -- the member file made when accepted
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX candidates_org ON candidates(org_id);

-- One row per recorded step; step 6 (assessments) may repeat; 91/92 are the two 公示.
CREATE TABLE candidate_steps (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    candidate_id TEXT NOT NULL DEFAULT '',
    step         INTEGER NOT NULL DEFAULT 0,
    date         TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    by_person    TEXT NOT NULL DEFAULT '',
    people       TEXT NOT NULL DEFAULT '',   -- contacts / introducers, comma separated
    hours        INTEGER NOT NULL DEFAULT 0, -- training class hours
    days         INTEGER NOT NULL DEFAULT 0, -- training days
    votes_for    INTEGER NOT NULL DEFAULT 0,
    voters       INTEGER NOT NULL DEFAULT 0  -- full members entitled to vote
);
CREATE INDEX candidate_steps_candidate ON candidate_steps(candidate_id, step);

-- Working-day calendar: public holidays and 调休 working days; id derived from (org, date).
CREATE TABLE calendar_days (
    id      TEXT PRIMARY KEY,
    org_id  TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    date    TEXT NOT NULL DEFAULT '',
    kind    TEXT NOT NULL DEFAULT '',        -- holiday, workday, normal (cancels a shipped day)
    name    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_days_date ON calendar_days(date);

-- 积分: points given or deducted for one member.
CREATE TABLE points_entries (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    member_id TEXT NOT NULL DEFAULT '',
    date      TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL DEFAULT '',      -- attendance, dues, service, duty, study, deduction, other
    points    INTEGER NOT NULL DEFAULT 0,
    reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX points_entries_member ON points_entries(member_id, date);

-- 组织关系转接: out (owned by the sending branch), forward (owned by the township, addressed
-- to the receiving village), in (owned by the receiving branch). ref_id links forward and in
-- to the out record.
CREATE TABLE transfers (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    kind          TEXT NOT NULL DEFAULT '',
    ref_id        TEXT NOT NULL DEFAULT '',
    member_id     TEXT NOT NULL DEFAULT '',
    new_member_id TEXT NOT NULL DEFAULT '',
    from_org_id   TEXT NOT NULL DEFAULT '',
    to_org_id     TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',  -- the other side in words (outside the township)
    date          TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL DEFAULT '',
    id_number     TEXT NOT NULL DEFAULT '',
    snapshot      TEXT NOT NULL DEFAULT '',  -- the member file as JSON, for the receiving branch
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX transfers_ref ON transfers(ref_id);
CREATE INDEX transfers_member ON transfers(member_id);
