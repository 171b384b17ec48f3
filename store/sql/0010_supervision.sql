-- Schema version 10: supervision visits (督导) and what an item requires as evidence (issue 13).

-- What the village must show to have an item accepted (a photo of the posted notice, the
-- minutes of the make-up meeting …); shown on both sides, set by whoever raised the item.
ALTER TABLE tasks ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
-- The supervision visit whose finding raised the item ('' if none).
ALTER TABLE tasks ADD COLUMN visit_id TEXT NOT NULL DEFAULT '';

-- A township's supervision visit to a village (督导): when, who went, what was checked and
-- what was found; each finding is raised as a task-list item (tasks.visit_id) in the same
-- write. Owned by the township, so it reaches the villages (each shows only its own visits)
-- and no village can change it.
CREATE TABLE visits (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    village_id  TEXT NOT NULL DEFAULT '',
    day         TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    visitors    TEXT NOT NULL DEFAULT '',   -- who visited
    checked     TEXT NOT NULL DEFAULT '',   -- what was checked
    summary     TEXT NOT NULL DEFAULT '',   -- overall impression, good practice seen
    created_at  TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM
    created_by  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX visits_village ON visits(village_id, day);
