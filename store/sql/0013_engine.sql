-- Engine v2 (issue 19): compact replication state. The change log (a row per field change
-- with both values and every name as text) and field_versions give way to per-field clocks
-- with interned names; the record tables hold the values once (store/replica/clock.go).
-- Converted here in the migration's one transaction: a killed upgrade leaves the old file.

CREATE TABLE crr_names (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

-- One per replicated row: table and owner as names, the HLC it was first written at here,
-- the newest HLC of its fields (what a bundle carries is found by it), and the local
-- sequence number of the transaction that last changed it.
CREATE TABLE crr_rows (
    id     INTEGER PRIMARY KEY,
    tbl    INTEGER NOT NULL,
    row_id TEXT NOT NULL,
    org    INTEGER NOT NULL,
    born   INTEGER NOT NULL,
    top    INTEGER NOT NULL,
    seq    INTEGER NOT NULL,
    UNIQUE (row_id, tbl)
) STRICT;
CREATE INDEX crr_rows_top ON crr_rows(top);
CREATE INDEX crr_rows_seq ON crr_rows(seq);

-- The version of each field's current value: HLC, device and user.
CREATE TABLE crr_clock (
    row   INTEGER NOT NULL,
    field INTEGER NOT NULL,
    hlc   INTEGER NOT NULL,
    dev   INTEGER NOT NULL,
    usr   INTEGER NOT NULL,
    PRIMARY KEY (row, field)
) STRICT, WITHOUT ROWID;

-- The audit trail of this PC's own edits: each version of a field that an edit made here
-- replaced, and each version made here that an edit from another PC replaced, with its
-- value (hlc 0: the value before any version, a column's default). With the clocks this
-- gives, for every edit made here, who made it, when, from what and to what.
CREATE TABLE crr_audit (
    row   INTEGER NOT NULL,
    field INTEGER NOT NULL,
    hlc   INTEGER NOT NULL,
    dev   INTEGER NOT NULL,
    usr   INTEGER NOT NULL,
    value ANY,
    PRIMARY KEY (row, field, hlc, dev)
) STRICT, WITHOUT ROWID;

-- When each row was first written here (what readers of the old log's min(hlc) want).
CREATE VIEW row_born(tbl, row_id, born) AS
    SELECT t.name, r.row_id, r.born FROM crr_rows r JOIN crr_names t ON t.id = r.tbl;

-- Conflicts no longer travel: those another device wrote here go, with the conflict table's
-- versions and log entries (they are not converted).
DELETE FROM conflicts WHERE id IN (SELECT row_id FROM field_versions WHERE tbl = 'conflicts' AND field = 'org_id'
    AND device <> coalesce((SELECT value FROM meta WHERE key = 'device_id'), ''));

INSERT INTO crr_names(name) VALUES ('');
INSERT OR IGNORE INTO crr_names(name) SELECT DISTINCT tbl FROM field_versions WHERE tbl <> 'conflicts';
INSERT OR IGNORE INTO crr_names(name) SELECT DISTINCT field FROM field_versions WHERE tbl <> 'conflicts';
INSERT OR IGNORE INTO crr_names(name) SELECT DISTINCT device FROM field_versions WHERE tbl <> 'conflicts';
INSERT OR IGNORE INTO crr_names(name) SELECT DISTINCT user_name FROM changes WHERE tbl <> 'conflicts';
INSERT OR IGNORE INTO crr_names(name) SELECT DISTINCT org_id FROM changes WHERE tbl <> 'conflicts';

-- Rows: owner from the newest log entry, born from the oldest, seq the newest's.
CREATE TEMP TABLE engine_rows AS
    SELECT v.tbl, v.row_id,
        (SELECT max(c.seq) FROM changes c WHERE c.tbl = v.tbl AND c.row_id = v.row_id) AS seq,
        (SELECT min(c.hlc) FROM changes c WHERE c.tbl = v.tbl AND c.row_id = v.row_id) AS born,
        min(v.hlc) AS first, max(v.hlc) AS top
    FROM field_versions v WHERE v.tbl <> 'conflicts' GROUP BY v.tbl, v.row_id;
INSERT INTO crr_rows(tbl, row_id, org, born, top, seq)
    SELECT t.id, e.row_id, coalesce(o.id, 1), coalesce(e.born, e.first), e.top, coalesce(e.seq, 0)
    FROM engine_rows e JOIN crr_names t ON t.name = e.tbl
    LEFT JOIN changes c ON c.seq = e.seq
    LEFT JOIN crr_names o ON o.name = c.org_id
    ORDER BY e.seq;
DROP TABLE engine_rows;

-- Clocks: the versions, with the author of each from the log.
INSERT INTO crr_clock(row, field, hlc, dev, usr)
    SELECT r.id, f.id, v.hlc, d.id,
        coalesce((SELECT u.id FROM changes c JOIN crr_names u ON u.name = c.user_name
            WHERE c.tbl = v.tbl AND c.row_id = v.row_id AND c.field = v.field AND c.hlc = v.hlc AND c.device = v.device), 1)
    FROM field_versions v
    JOIN crr_names t ON t.name = v.tbl
    JOIN crr_rows r ON r.row_id = v.row_id AND r.tbl = t.id
    JOIN crr_names f ON f.name = v.field
    JOIN crr_names d ON d.name = v.device
    WHERE v.tbl <> 'conflicts'
    ORDER BY r.id, f.id;

-- Audit: the version each change replaced, where the change was made here (to a row that
-- existed: an insert replaces nothing) or the version replaced was made here.
INSERT OR REPLACE INTO crr_audit(row, field, hlc, dev, usr, value)
    SELECT r.id, f.id, coalesce(x.phlc, 0), coalesce(d.id, 1), coalesce(u.id, 1), x.old_value
    FROM (SELECT c.tbl, c.row_id, c.field, c.hlc, c.origin, c.old_value,
            lag(c.hlc) OVER w AS phlc, lag(c.device) OVER w AS pdev, lag(c.user_name) OVER w AS pusr
        FROM changes c WHERE c.tbl <> 'conflicts' WINDOW w AS (PARTITION BY c.tbl, c.row_id, c.field ORDER BY c.seq)) x
    JOIN crr_names t ON t.name = x.tbl
    JOIN crr_rows r ON r.row_id = x.row_id AND r.tbl = t.id
    JOIN crr_names f ON f.name = x.field
    LEFT JOIN crr_names d ON d.name = x.pdev
    LEFT JOIN crr_names u ON u.name = x.pusr
    WHERE (x.origin = 'local' AND x.hlc > r.born)
        OR x.pdev = coalesce((SELECT value FROM meta WHERE key = 'device_id'), '');

INSERT OR REPLACE INTO meta(key, value) SELECT 'seq', CAST(coalesce(max(seq), 0) AS TEXT) FROM changes;
INSERT OR REPLACE INTO meta(key, value) SELECT 'own_hlc', CAST(max(hlc) AS TEXT) FROM changes
    WHERE device = (SELECT value FROM meta WHERE key = 'device_id') HAVING count(*) > 0;

DROP TABLE changes;
DROP TABLE field_versions;
