-- Schema version 13: member stars (农牧民党员 星级管理) and 党员中心户 (issue 24 item 1; seed
-- 002: 「7组不同的农牧民党员设星模式…为部分优秀农牧民党员(党员中心户)制定了党员标识牌」).

-- A member who leads several households (党员中心户): 'yes' or ''. The households are the
-- member's linked households (member_households).
ALTER TABLE members ADD COLUMN center TEXT NOT NULL DEFAULT '';

-- The township's member star scheme of a year for one category (在职/无职/流动/夕阳红 and
-- 党员中心户). Owned by the township, so it reaches every village. id is derived from
-- (township, category, year). stars and grades are JSON (store/starscheme.go: Star, StarGrades).
CREATE TABLE member_star_schemes (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    year      INTEGER NOT NULL DEFAULT 0,
    category  TEXT NOT NULL DEFAULT '',   -- working, no_post, floating, elderly or center
    variant   TEXT NOT NULL DEFAULT '',   -- 532 or ten
    stars     TEXT NOT NULL DEFAULT '',
    grades    TEXT NOT NULL DEFAULT '',
    set_at    TEXT NOT NULL DEFAULT ''
) STRICT;

-- A member's year: the targets the branch enters for the member (定标报星) and the branch's
-- 评定 of the judged stars. Owned by the village: it reaches its township and no other
-- village. id is derived from (member, year).
CREATE TABLE member_stars (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    member_id   TEXT NOT NULL DEFAULT '',
    year        INTEGER NOT NULL DEFAULT 0,
    category    TEXT NOT NULL DEFAULT '',   -- the scheme the targets were declared under
    targets     TEXT NOT NULL DEFAULT '',   -- star codes, comma-separated
    declared_at TEXT NOT NULL DEFAULT '',
    judged      TEXT NOT NULL DEFAULT '',   -- judged star codes the branch awards at 评定
    note        TEXT NOT NULL DEFAULT '',
    assessed_at TEXT NOT NULL DEFAULT '',
    assessed_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX member_stars_year ON member_stars(year, member_id);

-- The township's 审核 of a village's member stars for a year, and the day of 挂牌授星. Owned
-- by the township; village_id names the village, the only village it reaches.
CREATE TABLE member_star_reviews (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    village_id  TEXT NOT NULL DEFAULT '',
    year        INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT '',   -- approved or returned
    note        TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL DEFAULT '',
    plaque_on   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX member_star_reviews_village ON member_star_reviews(village_id, year);
