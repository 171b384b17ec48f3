-- Schema version 6: the member's part in village life (党员作用发挥, 分类管理; issue 10), the
-- attendance of admission meetings and each member's dues "paid up to" month.
-- Every table here is replicated; see memberpart.go.

-- Steps 15 and 23: voting members present at the branch meeting (细则 第二十条、第三十三条).
ALTER TABLE candidate_steps ADD COLUMN present INTEGER NOT NULL DEFAULT 0;

-- The last month a member had paid when the branch began keeping dues in this app (from the
-- roster import or the dues screen): nothing is owed up to it.
ALTER TABLE dues_profiles ADD COLUMN paid_to TEXT NOT NULL DEFAULT '';

-- 承诺践诺: a member's commitment for a year and its fulfilment.
CREATE TABLE member_commitments (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    member_id TEXT NOT NULL DEFAULT '',
    year      INTEGER NOT NULL DEFAULT 0,
    content   TEXT NOT NULL DEFAULT '',   -- what was promised (三亮三诺)
    made_date TEXT NOT NULL DEFAULT '',
    done_date TEXT NOT NULL DEFAULT '',   -- 践诺: when it was fulfilled ('' while open)
    evidence  TEXT NOT NULL DEFAULT ''    -- how the fulfilment is shown
);
CREATE INDEX member_commitments_member ON member_commitments(member_id, year);

-- 设岗定责: a member's post (先锋岗, 责任区, 网格/楼栋, 志愿服务岗) and its duties.
CREATE TABLE member_duties (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    member_id TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL DEFAULT '',   -- pioneer, area, grid, volunteer
    name      TEXT NOT NULL DEFAULT '',   -- the post, e.g. 三组网格
    duties    TEXT NOT NULL DEFAULT '',
    from_date TEXT NOT NULL DEFAULT '',
    to_date   TEXT NOT NULL DEFAULT ''    -- '' while held
);
CREATE INDEX member_duties_member ON member_duties(member_id);

-- 联系户 / 结对帮扶: households a member is linked with.
CREATE TABLE member_households (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    member_id TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL DEFAULT '',   -- the head of the household
    address   TEXT NOT NULL DEFAULT '',
    needs     TEXT NOT NULL DEFAULT '',   -- needs and 微心愿
    paired    INTEGER NOT NULL DEFAULT 0, -- 结对帮扶
    from_date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX member_households_member ON member_households(member_id);

-- Contacts and visits: a visit to a linked household, the quarterly contact with a floating
-- member (跟踪式) or a care visit to an elderly member (关爱式).
CREATE TABLE member_contacts (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    member_id    TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT '', -- household, track, care
    household_id TEXT NOT NULL DEFAULT '',
    date         TEXT NOT NULL DEFAULT '',
    how          TEXT NOT NULL DEFAULT '', -- 上门, 电话, 微信, 视频, 送学上门
    done         TEXT NOT NULL DEFAULT '', -- what was done
    by_person    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX member_contacts_member ON member_contacts(member_id, date);

-- 志愿服务: one service of a member.
CREATE TABLE member_services (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    member_id TEXT NOT NULL DEFAULT '',
    date      TEXT NOT NULL DEFAULT '',
    activity  TEXT NOT NULL DEFAULT '',
    tenths    INTEGER NOT NULL DEFAULT 0  -- hours × 10 (1.5 hours = 15)
);
CREATE INDEX member_services_member ON member_services(member_id, date);
