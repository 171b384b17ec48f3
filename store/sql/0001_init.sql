-- Schema version 1: the sync foundation, organisations, users, members, settings.
-- Replicated tables carry: id (UUID), org_id (owning organisation), deleted (tombstone)
-- and their fields; per-field versions live in field_versions, every write in changes.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE orgs (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    code      TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL DEFAULT '',
    parent_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX orgs_code ON orgs(code);

CREATE TABLE members (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    name           TEXT NOT NULL DEFAULT '',
    gender         TEXT NOT NULL DEFAULT '',
    ethnicity      TEXT NOT NULL DEFAULT '',
    birth_date     TEXT NOT NULL DEFAULT '',
    id_number      TEXT NOT NULL DEFAULT '',
    education      TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    joined_date    TEXT NOT NULL DEFAULT '',
    confirmed_date TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT '',
    position       TEXT NOT NULL DEFAULT '',
    group_id       TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL DEFAULT '',
    state_date     TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    photo          BLOB,
    -- local, derived from name on every write: never replicated
    search_keys    TEXT NOT NULL DEFAULT '',
    sort_key       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX members_org ON members(org_id, sort_key);
CREATE INDEX members_id_number ON members(id_number);

CREATE TABLE settings (
    id      TEXT PRIMARY KEY,
    org_id  TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    key     TEXT NOT NULL DEFAULT '',
    value   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX settings_key ON settings(org_id, key);

-- Local accounts of this PC: never replicated.
CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL,
    org_id       TEXT NOT NULL,
    pw_hash      TEXT NOT NULL,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    disabled     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL
) STRICT;

-- The newest version stamp of every replicated field.
CREATE TABLE field_versions (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field  TEXT NOT NULL,
    hlc    INTEGER NOT NULL,
    device TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, field)
) STRICT, WITHOUT ROWID;

-- The change log and audit trail: one row per field change applied to this database,
-- local or received. origin is 'local' or 'remote'.
CREATE TABLE changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl        TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    org_id     TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  ANY,
    new_value  ANY,
    hlc        INTEGER NOT NULL,
    device     TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    origin     TEXT NOT NULL
) STRICT;
CREATE INDEX changes_row ON changes(tbl, row_id);
CREATE INDEX changes_device ON changes(device, hlc);
