-- Schema version 9: the branch's star rating (评星定级, the 532 model) and the secretaries'
-- annual report and rating (抓党建述职评议; issue 13).

-- The year's star scheme (科学设星). Owned by the township, so it reaches every village and
-- no village can change it. id is derived from (township, year). stars and grades are JSON
-- (store/starscheme.go: StarScheme).
CREATE TABLE star_schemes (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    year       INTEGER NOT NULL DEFAULT 0,
    variant    TEXT NOT NULL DEFAULT '',   -- 532 or ten
    stars      TEXT NOT NULL DEFAULT '',   -- JSON: [{code, group, name, standard, points, measure, threshold}]
    grades     TEXT NOT NULL DEFAULT '',   -- JSON: colour and class thresholds
    set_at     TEXT NOT NULL DEFAULT ''    -- YYYY-MM-DD HH:MM
) STRICT;

-- A village's targets (定标报星) and its year-end self-assessment (自评). Owned by the
-- village, so it syncs up and only the village writes it. id is derived from (village, year).
CREATE TABLE star_declarations (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    year        INTEGER NOT NULL DEFAULT 0,
    targets     TEXT NOT NULL DEFAULT '',   -- star codes, comma-separated
    declared_at TEXT NOT NULL DEFAULT '',
    self_stars  TEXT NOT NULL DEFAULT '',   -- star codes the village judges earned
    self_note   TEXT NOT NULL DEFAULT '',
    self_at     TEXT NOT NULL DEFAULT ''
) STRICT;

-- The township's assessment (考评) of a village's year and the plaque (挂牌授星). Owned by
-- the township; village_id names the village. id is derived from (village, year).
CREATE TABLE star_assessments (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    village_id  TEXT NOT NULL DEFAULT '',
    year        INTEGER NOT NULL DEFAULT 0,
    awarded     TEXT NOT NULL DEFAULT '',   -- judged star codes the township awards
    note        TEXT NOT NULL DEFAULT '',
    assessed_at TEXT NOT NULL DEFAULT '',
    assessed_by TEXT NOT NULL DEFAULT '',
    plaque_on   TEXT NOT NULL DEFAULT ''    -- YYYY-MM-DD the plaque was awarded
) STRICT;
CREATE INDEX star_assessments_village ON star_assessments(village_id, year);

-- The secretary's annual report (述职). Owned by the village. id derived from (village, year).
CREATE TABLE review_reports (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    year         INTEGER NOT NULL DEFAULT 0,
    secretary    TEXT NOT NULL DEFAULT '',
    report       TEXT NOT NULL DEFAULT '',
    submitted_at TEXT NOT NULL DEFAULT ''
) STRICT;

-- The township's rating of the report (评议). Owned by the township; village_id names the
-- village. id derived from (village, year). tasks lists the items raised (task IDs).
CREATE TABLE review_ratings (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    village_id TEXT NOT NULL DEFAULT '',
    year       INTEGER NOT NULL DEFAULT 0,
    rating     TEXT NOT NULL DEFAULT '',
    comments   TEXT NOT NULL DEFAULT '',
    tasks      TEXT NOT NULL DEFAULT '',
    rated_at   TEXT NOT NULL DEFAULT '',
    rated_by   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX review_ratings_village ON review_ratings(village_id, year);
