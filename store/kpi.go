package store

import (
	"context"
	"sort"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// The township's figures for each village and period (DOMAIN.md "Township KPIs: exact
// definitions"): one computation serves the village's home, check, the township overview and
// the quarterly report. It loads everything for every village in a fixed number of queries
// (no query per member or per meeting), so a 40-village township computes in well under a
// second (BenchmarkKPIs40Villages).

// KindKPI is how one kind of required meeting stands in a period.
type KindKPI struct {
	Kind     string `json:"kind"`
	Label    string `json:"label"`
	Required int    `json:"required"`
	OnTime   int    `json:"on_time"`
	Late     int    `json:"late"`
	Missing  int    `json:"missing"`
}

// SyncKPI is how a village stands with the township's PC.
type SyncKPI struct {
	Paired     bool   `json:"paired"`
	LastSync   string `json:"last_sync"` // YYYY-MM-DD HH:MM, "" if never
	Days       int    `json:"days_since"`
	PendingOut int    `json:"pending_out"` // changes made here the village has not confirmed holding
	LastError  string `json:"last_error,omitempty"`
}

// MonthApproval is the approval state of one month of the period.
type MonthApproval struct {
	Month string `json:"month"`
	State string `json:"state"` // "", approved, unlocked
}

// KPI are one organisation's figures for a period. The JSON keys of report quarterly
// (CLI.md) are among them.
type KPI struct {
	OrgID    string    `json:"org_id"`
	OrgCode  string    `json:"org_code"`
	OrgName  string    `json:"org_name"`
	Period   string    `json:"period"`
	LastSync string    `json:"last_sync"`
	Members  int       `json:"members"`
	Full     int       `json:"full_members"`
	Meetings []KindKPI `json:"meetings"`
	Required int       `json:"required"`
	OnTime   int       `json:"on_time"`
	Late     int       `json:"late"`
	Missing  int       `json:"missing"`
	// OnTimeRate (按时召开率) = OnTime / Required (1 when nothing was required).
	OnTimeRate Rate `json:"on_time_rate"`
	Expected   int  `json:"expected"` // Σ 应到 over the counted meetings
	Present    int  `json:"present"`  // Σ 实到 (floating members reached another way count)
	// AttendanceRate (党员平均参会率) = Present / Expected (1 when nobody was expected).
	AttendanceRate Rate `json:"attendance_rate"`
	DuesDue        int  `json:"dues_due"`  // member-months due
	DuesPaid       int  `json:"dues_paid"` // of those, paid
	// DuesRate (党费收缴率) = DuesPaid / DuesDue (1 when nothing was due).
	DuesRate  Rate           `json:"dues_rate"`
	Arrears3m int            `json:"arrears_3m"` // members owing dues.warn_months (3) or more
	Arrears6m int            `json:"arrears_6m"` // members unpaid dues.alarm_months (6) in a row
	Stages    map[string]int `json:"candidates"` // stage slug → active candidates
	DueSoon   int            `json:"candidates_due_soon"`
	Overdue   int            `json:"candidates_overdue"`
	// NextDeadline is the soonest step deadline of the village's candidates.
	NextDeadline   string          `json:"next_deadline,omitempty"`
	NextDue        string          `json:"next_due,omitempty"` // who and which step, in Chinese
	NoticesPrinted int             `json:"notices_printed"`
	NoticesPosted  int             `json:"notices_posted"`
	Conflicts      int             `json:"conflicts"`
	Tasks          TaskKPI         `json:"tasks"`      // task-list items (kpi_tasks.go)
	Branchwork     BranchworkKPI   `json:"branchwork"` // plan, 整顿, secretaries' training (kpi_branchwork.go)
	Sync           SyncKPI         `json:"sync"`
	Months         []MonthApproval `json:"months"`
	ApprovedMonths []string        `json:"approved_months"`
	Light          string          `json:"light"`   // green, amber, red
	Reasons        []string        `json:"reasons"` // why the light is not green (Chinese)

	// Categories counts the members on the roll by 党员类别 (slug → n; kpi_members.go).
	Categories map[string]int `json:"categories"`
}

// Stage slugs of the pipeline's five stages (KPI.Stages keys).
var StageSlugs = []string{"", "applicant", "activist", "target", "admission", "probation"}

// KPIs computes the figures of the organisations (on a township every village: nil) for a
// period, in code order.
func (db *DB) KPIs(ctx context.Context, p Period, orgIDs []string) ([]KPI, error) {
	orgs, err := db.kpiOrgs(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	if orgIDs == nil {
		ids = nil // every organisation: the loaders need no filter
	}
	today := db.today()
	n, err := db.meetingNeeds(ctx)
	if err != nil {
		return nil, err
	}
	life, err := db.orgLifeOf(ctx, ids, p, n)
	if err != nil {
		return nil, err
	}
	asOf, err := db.checkAsOf(p.String())
	if err != nil {
		return nil, err
	}
	dues, err := db.duesMonthsOf(ctx, ids, p, asOf)
	if err != nil {
		return nil, err
	}
	out := make([]KPI, len(orgs))
	for i, o := range orgs {
		k := KPI{OrgID: o.ID, OrgCode: o.Code, OrgName: o.Name, Period: p.String(), Stages: map[string]int{}, Categories: map[string]int{},
			ApprovedMonths: []string{}, Reasons: []string{}}
		l := life[o.ID]
		if l == nil {
			l = &orgLife{}
		}
		kindIdx := map[string]int{}
		for _, s := range n.units(l, p, today) {
			if !s.ended || !containsPeriod(p, s.unit) {
				continue
			}
			j, ok := kindIdx[s.req.kind]
			if !ok {
				j = len(k.Meetings)
				kindIdx[s.req.kind] = j
				k.Meetings = append(k.Meetings, KindKPI{Kind: s.req.kind, Label: MeetingKind.Label(s.req.kind)})
			}
			held := min(len(s.held), s.need)
			kk := &k.Meetings[j]
			kk.Required += s.need
			kk.OnTime += s.onTime
			kk.Late += held - s.onTime
			kk.Missing += s.need - held
		}
		if k.Meetings == nil {
			k.Meetings = []KindKPI{}
		}
		sort.SliceStable(k.Meetings, func(i, j int) bool { return kindOrder(k.Meetings[i].Kind) < kindOrder(k.Meetings[j].Kind) })
		for _, m := range k.Meetings {
			k.Required, k.OnTime, k.Late, k.Missing = k.Required+m.Required, k.OnTime+m.OnTime, k.Late+m.Late, k.Missing+m.Missing
		}
		k.OnTimeRate = rate(k.OnTime, k.Required)
		for _, m := range l.meetings {
			if def, ok := rules.Kind(m.Kind); ok && def.Attendance && p.Contains(mustDay(m.Date)) {
				k.Expected += m.Expected
				k.Present += m.Present + m.Reached
			}
		}
		k.AttendanceRate = rate(k.Present, k.Expected)
		d := dues[o.ID]
		k.DuesDue, k.DuesPaid, k.Arrears3m, k.Arrears6m = d.due, d.paid, d.warn, d.alarm
		k.DuesRate = rate(k.DuesPaid, k.DuesDue)
		out[i] = k
	}
	if err := db.kpiRest(ctx, out, p, asOf); err != nil {
		return nil, err
	}
	return out, nil
}

// kpiOrgs returns the organisations the figures are for: the given ones, else on a township
// every village, else this database's own.
func (db *DB) kpiOrgs(ctx context.Context, ids []string) ([]Org, error) {
	if ids == nil {
		role, err := db.Role(ctx)
		if err != nil {
			return nil, err
		}
		if role == RoleTownship {
			return db.Orgs(ctx, KindVillage)
		}
		h, err := db.Home(ctx)
		return []Org{h}, err
	}
	var out []Org
	for _, id := range ids {
		o, err := db.Org(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// containsPeriod reports whether u lies wholly inside p.
func containsPeriod(p, u Period) bool {
	return !u.Start().Before(p.Start()) && !u.End().After(p.End())
}

// kpiRest fills the pipeline, notices, conflicts, sync and approval figures and the light.
func (db *DB) kpiRest(ctx context.Context, ks []KPI, p Period, asOf time.Time) error {
	at := map[string]*KPI{}
	for i := range ks {
		at[ks[i].OrgID] = &ks[i]
	}
	// Members on the roll.
	type cnt struct {
		org  string
		a, b int
	}
	scan := func(s replica.Scanner) (cnt, error) {
		var c cnt
		return c, s.Scan(&c.org, &c.a, &c.b)
	}
	mem, err := replica.Collect(ctx, db.sql, scan, `SELECT org_id, count(*), coalesce(sum(status='full'),0) FROM members
		WHERE deleted=0 AND state IN ('','active') GROUP BY org_id`)
	if err != nil {
		return err
	}
	for _, c := range mem {
		if k := at[c.org]; k != nil {
			k.Members, k.Full = c.a, c.b
		}
	}
	if err := db.kpiCategories(ctx, at); err != nil {
		return err
	}
	// Candidates by stage, and the next deadline.
	f, err := db.PipelineFigures(ctx)
	if err != nil {
		return err
	}
	soon := asOf.AddDate(0, 0, f.DueSoonDays)
	cs, err := db.Candidates(ctx, "", false)
	if err != nil {
		return err
	}
	for i := range cs {
		c := &cs[i]
		k := at[c.OrgID]
		if k == nil {
			continue
		}
		k.Stages[StageSlugs[c.Stage()]]++
		next := f.Next(c)
		if next.Latest == "" {
			continue
		}
		d, _ := parseDay(next.Latest)
		switch {
		case d.Before(asOf):
			k.Overdue++
		case !d.After(soon):
			k.DueSoon++
		}
		if k.NextDeadline == "" || next.Latest < k.NextDeadline {
			k.NextDeadline, k.NextDue = next.Latest, assets.T("%s: %s", c.Name, next.Name)
		}
	}
	// Notices printed and posted in the period.
	nts, err := replica.Collect(ctx, db.sql, scan, `SELECT org_id, count(*), coalesce(sum(posted_at<>''),0) FROM notices
		WHERE deleted=0 AND substr(printed_at,1,10) BETWEEN ? AND ? GROUP BY org_id`, p.FirstDay(), p.LastDay())
	if err != nil {
		return err
	}
	for _, c := range nts {
		if k := at[c.org]; k != nil {
			k.NoticesPrinted, k.NoticesPosted = c.a, c.b
		}
	}
	// Open conflicts.
	cfs, err := replica.Collect(ctx, db.sql, scan, `SELECT org_id, count(*), 0 FROM conflicts WHERE deleted=0 AND resolved=0 GROUP BY org_id`)
	if err != nil {
		return err
	}
	for _, c := range cfs {
		if k := at[c.org]; k != nil {
			k.Conflicts = c.a
		}
	}
	// Approvals of the period's months.
	locks, err := db.Approvals(ctx, "")
	if err != nil {
		return err
	}
	state := map[string]string{}
	for _, a := range locks {
		state[a.VillageID+"\x00"+a.Month] = a.State
	}
	for i := range ks {
		k := &ks[i]
		for _, m := range p.Split(PeriodMonth) {
			st := state[k.OrgID+"\x00"+m.String()]
			k.Months = append(k.Months, MonthApproval{Month: m.String(), State: st})
			if st == ApprovalApproved {
				k.ApprovedMonths = append(k.ApprovedMonths, m.String())
			}
		}
	}
	if err := db.kpiTasks(ctx, at, p, asOf); err != nil {
		return err
	}
	if err := db.kpiBranchwork(ctx, at, p); err != nil {
		return err
	}
	if err := db.kpiSync(ctx, at); err != nil {
		return err
	}
	return db.kpiLights(ctx, ks)
}

// kpiSync fills the sync figures from the village's paired device (the one heard from last).
func (db *DB) kpiSync(ctx context.Context, at map[string]*KPI) error {
	// In a view, read through its transaction: the engine's own handle would wait for it.
	listPeers, unsentOf := db.r.Peers, db.r.Unsent
	if db.tx != nil {
		listPeers, unsentOf = db.tx.r.Peers, db.tx.r.Unsent
	}
	peers, err := listPeers(ctx)
	if err != nil {
		return err
	}
	best := map[string]replica.Peer{}
	for _, pr := range peers {
		if at[pr.OrgID] == nil {
			continue
		}
		if b, ok := best[pr.OrgID]; !ok || pr.LastSync > b.LastSync {
			best[pr.OrgID] = pr
		}
	}
	var list []replica.Peer
	for _, pr := range best {
		list = append(list, pr)
	}
	unsent, err := unsentOf(ctx, list)
	if err != nil {
		return err
	}
	now := db.now()
	for org, pr := range best {
		k := at[org]
		k.Sync.Paired = true
		k.Sync.LastError = pr.LastError
		if pr.LastSync != 0 {
			t := time.UnixMilli(pr.LastSync)
			k.Sync.LastSync = t.In(now.Location()).Format("2006-01-02 15:04")
			k.Sync.Days = int(now.Sub(t).Hours() / 24)
			k.LastSync = k.Sync.LastSync
		}
		k.Sync.PendingOut = unsent[pr.DeviceID]
	}
	return nil
}

// kpiLights sets each village's traffic light from the township's rule figures, with the
// reasons a person reads on hover.
func (db *DB) kpiLights(ctx context.Context, ks []KPI) error {
	red, err := db.ruleInt(ctx, rules.LightRedOnTime.Key)
	if err != nil {
		return err
	}
	amber, err := db.ruleInt(ctx, rules.LightAmberOnTime.Key)
	if err != nil {
		return err
	}
	stale, err := db.ruleInt(ctx, rules.SyncStaleDays.Key)
	if err != nil {
		return err
	}
	alarm, err := db.ruleInt(ctx, rules.DuesAlarm.Key)
	if err != nil {
		return err
	}
	role, err := db.Role(ctx)
	if err != nil {
		return err
	}
	for i := range ks {
		k := &ks[i]
		level := 0
		why := func(l int, msg string) {
			level = max(level, l)
			k.Reasons = append(k.Reasons, msg)
		}
		// What matters most is whether the branch holds its meetings: a village that held
		// none of the required ones is red whatever the thresholds; members in arrears are a
		// matter of those members and make the village amber, never red by themselves.
		pct := k.OnTimeRate.Or(1) * 100
		missing := k.MissingMeetings()
		switch {
		case k.Required > 0 && k.OnTime+k.Late == 0:
			why(2, assets.T("None of the %d required meetings held: %s.", k.Required, missing))
		case k.Required > 0 && pct < float64(red):
			why(2, assets.T("On-time rate %s, below %d%%; not held: %s.", Percent(k.OnTimeRate), red, orNone(missing)))
		case k.Required > 0 && pct < float64(amber):
			why(1, assets.T("On-time rate %s, below %d%%; not held: %s.", Percent(k.OnTimeRate), amber, orNone(missing)))
		}
		if k.Arrears6m > 0 {
			why(1, assets.T("%d members have not paid dues for %d months in a row.", k.Arrears6m, alarm))
		} else if k.Arrears3m > 0 {
			why(1, assets.T("%d members owe dues for 3 months or more.", k.Arrears3m))
		}
		if k.Overdue > 0 {
			why(1, assets.T("%d candidates have a step overdue.", k.Overdue))
		}
		if k.Conflicts > 0 {
			why(1, assets.T("%d conflicting edits wait for review.", k.Conflicts))
		}
		if role == RoleTownship {
			switch {
			case !k.Sync.Paired:
				// A note, not a colour: the records that are here (entered on this PC) say
				// how the village stands, and a village with none is red by its on-time rate.
				why(0, assets.T("This village is not paired with this PC yet: its records cannot arrive by sync."))
			case k.Sync.LastSync == "":
				why(2, assets.T("Nothing has been received from this village yet."))
			case k.Sync.Days >= 2*stale:
				why(2, assets.T("Last sync %d days ago.", k.Sync.Days))
			case k.Sync.Days >= stale:
				why(1, assets.T("Last sync %d days ago.", k.Sync.Days))
			}
		}
		k.Light = []string{"green", "amber", "red"}[level]
	}
	return nil
}

// MissingMeetings names the required meetings of the period not held, by kind with their
// number (「支部党员大会 1 次、党课 1 次」), meetings held late after them; "" if none.
func (k KPI) MissingMeetings() string {
	var parts, late []string
	for _, m := range k.Meetings {
		if m.Missing > 0 {
			parts = append(parts, assets.T("%s %d times", m.Label, m.Missing))
		}
		if m.Late > 0 {
			late = append(late, assets.T("%s %d times", m.Label, m.Late))
		}
	}
	out := strings.Join(parts, "、")
	if len(late) > 0 {
		if out != "" {
			out += "；"
		}
		out += assets.T("held late: %s", strings.Join(late, "、"))
	}
	return out
}

// orNone is s, or 「无」 when it is empty.
func orNone(s string) string {
	if s == "" {
		return assets.T("none")
	}
	return s
}

// Totals adds the villages' figures up: counts summed, rates recomputed from the sums.
func Totals(ks []KPI, p Period) KPI {
	t := KPI{Period: p.String(), Stages: map[string]int{}, Categories: map[string]int{}, Meetings: []KindKPI{}, ApprovedMonths: []string{}, Reasons: []string{}}
	idx := map[string]int{}
	for _, k := range ks {
		t.Members += k.Members
		t.Full += k.Full
		for _, m := range k.Meetings {
			j, ok := idx[m.Kind]
			if !ok {
				j = len(t.Meetings)
				idx[m.Kind] = j
				t.Meetings = append(t.Meetings, KindKPI{Kind: m.Kind, Label: m.Label})
			}
			tm := &t.Meetings[j]
			tm.Required, tm.OnTime, tm.Late, tm.Missing = tm.Required+m.Required, tm.OnTime+m.OnTime, tm.Late+m.Late, tm.Missing+m.Missing
		}
		t.Required, t.OnTime, t.Late, t.Missing = t.Required+k.Required, t.OnTime+k.OnTime, t.Late+k.Late, t.Missing+k.Missing
		t.Expected, t.Present = t.Expected+k.Expected, t.Present+k.Present
		t.DuesDue, t.DuesPaid = t.DuesDue+k.DuesDue, t.DuesPaid+k.DuesPaid
		t.Arrears3m, t.Arrears6m = t.Arrears3m+k.Arrears3m, t.Arrears6m+k.Arrears6m
		for s, n := range k.Stages {
			t.Stages[s] += n
		}
		for c, n := range k.Categories {
			t.Categories[c] += n
		}
		t.DueSoon, t.Overdue = t.DueSoon+k.DueSoon, t.Overdue+k.Overdue
		t.NoticesPrinted, t.NoticesPosted = t.NoticesPrinted+k.NoticesPrinted, t.NoticesPosted+k.NoticesPosted
		t.Conflicts += k.Conflicts
		t.Sync.PendingOut += k.Sync.PendingOut
	}
	sort.SliceStable(t.Meetings, func(i, j int) bool { return kindOrder(t.Meetings[i].Kind) < kindOrder(t.Meetings[j].Kind) })
	t.OnTimeRate = rate(t.OnTime, t.Required)
	t.AttendanceRate = rate(t.Present, t.Expected)
	t.DuesRate = rate(t.DuesPaid, t.DuesDue)
	return t
}

func kindOrder(slug string) int {
	for i, k := range rules.MeetingKinds {
		if k.Slug == slug {
			return i
		}
	}
	return len(rules.MeetingKinds)
}
