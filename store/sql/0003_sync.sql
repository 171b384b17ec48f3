-- Schema version 3: sync bookkeeping: peers, bundles, conflicts (issue 5).

-- Paired devices (local: never replicated). acked is the peer's version vector as of the
-- newest bundle received from it (JSON {device: hlc}); exports start after it.
CREATE TABLE peers (
    device_id     TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    org_id        TEXT NOT NULL,
    org_code      TEXT NOT NULL DEFAULT '',
    org_name      TEXT NOT NULL DEFAULT '',
    cert          BLOB NOT NULL,
    age_recipient TEXT NOT NULL,
    addr          TEXT NOT NULL DEFAULT '',
    paired_at     INTEGER NOT NULL,
    in_seq        INTEGER NOT NULL DEFAULT 0,
    out_seq       INTEGER NOT NULL DEFAULT 0,
    acked         TEXT NOT NULL DEFAULT '{}',
    last_sync     INTEGER NOT NULL DEFAULT 0,
    last_sent     INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    clock_skew_ms INTEGER NOT NULL DEFAULT 0
) STRICT;

-- This database's version vector: for every origin device, the newest HLC up to which it
-- holds all of that device's changes within its scope (local).
CREATE TABLE sync_vv (
    device TEXT PRIMARY KEY,
    hlc    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Concurrent edits of one field: the losing value kept for a person to review (replicated;
-- the ID is derived from the losing version, so both sides record the same row).
CREATE TABLE conflicts (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    tbl           TEXT NOT NULL DEFAULT '',
    row_id        TEXT NOT NULL DEFAULT '',
    field         TEXT NOT NULL DEFAULT '',
    loser_value   ANY,
    loser_hlc     INTEGER NOT NULL DEFAULT 0,
    loser_device  TEXT NOT NULL DEFAULT '',
    loser_user    TEXT NOT NULL DEFAULT '',
    winner_value  ANY,
    winner_hlc    INTEGER NOT NULL DEFAULT 0,
    winner_device TEXT NOT NULL DEFAULT '',
    winner_user   TEXT NOT NULL DEFAULT '',
    resolved      INTEGER NOT NULL DEFAULT 0,
    resolved_by   TEXT NOT NULL DEFAULT '',
    resolution    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conflicts_open ON conflicts(org_id, resolved);
