-- Schema version 12: what the rules audit of issue 23 needs recorded.

-- 四议两公开: the 党员大会审议 step's attendance and vote (local: ≥ 2/3 present, more than
-- half of those due in favour), the optional township review (四议一审两公开) and, for a
-- 村民会议, whether the quorum is counted over adults or households (村民委员会组织法 第二十二条).
ALTER TABLE decisions ADD COLUMN review_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN review_present INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN review_for INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN township_reviewed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN resolution_basis TEXT NOT NULL DEFAULT ''; -- adults or households

-- 少交或免交: the branch's decision and the higher committee's approval (who, when).
ALTER TABLE dues_profiles ADD COLUMN exempt_decided_on TEXT NOT NULL DEFAULT '';
ALTER TABLE dues_profiles ADD COLUMN exempt_approved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE dues_profiles ADD COLUMN exempt_approved_on TEXT NOT NULL DEFAULT '';

-- A 流动党员's month paid at the 流入地 党组织: that organisation's name ('' paid here).
ALTER TABLE dues_payments ADD COLUMN paid_elsewhere TEXT NOT NULL DEFAULT '';

-- Extension of probation (党章 第七条): the 支部大会's decision and the 上级党委's approval.
ALTER TABLE candidates ADD COLUMN extension_decided_on TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN extension_approved_on TEXT NOT NULL DEFAULT '';
