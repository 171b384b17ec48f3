-- 任职时间: the day the member took the current 党内职务 (position), YYYY-MM-DD or '' when not
-- known (a roster imported without it). The new-secretary training check (中国共产党党员教育管理
-- 工作条例, 2019: a new basic-level secretary is trained within half a year) reads it.
ALTER TABLE members ADD COLUMN position_since TEXT NOT NULL DEFAULT '';
