-- Schema version 11: form templates (一张表, issue 25).

-- An upper level's form (an .xlsx as received) that the township fills from the records:
-- the workbook as it was loaded, and the mapping the township made in the mapper (a JSON
-- object from "Sheet!B7" to the placeholder put there, such as "{{按时召开率}}"), reused
-- every period. Owned by the township, so it reaches its villages (for forms a village
-- fills) and the county with the sync; no village can change it.
CREATE TABLE form_templates (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL DEFAULT '',
    file_name   TEXT NOT NULL DEFAULT '',   -- the file's name when loaded (Q4报表.xlsx)
    data        BLOB,                       -- the workbook, at most 5 MB
    mapping     TEXT NOT NULL DEFAULT '',   -- {"Sheet!B7": "{{按时召开率}}"} ('' = none)
    created_at  TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM
    created_by  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX form_templates_name ON form_templates(name);
