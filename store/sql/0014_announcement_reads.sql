-- Schema version 13: who read an announcement (issue 21): a village PC records, the first time
-- someone there opens a 通知, when and by whom. Owned by the village, so it goes up to the
-- township with the next sync; the township shows per announcement who received and who read it.
CREATE TABLE announcement_reads (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    announcement_id TEXT NOT NULL DEFAULT '',
    read_at         TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD HH:MM
    read_by         TEXT NOT NULL DEFAULT ''    -- the user who opened it
) STRICT;
CREATE INDEX announcement_reads_announcement ON announcement_reads(announcement_id, org_id);
