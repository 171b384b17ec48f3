package store

import (
	"context"
	"time"

	"zhibu/assets"
	"zhibu/store/rules"
)

func init() { RegisterChecker(checkPipeline) }

// checkPipeline finds, for each active candidate: steps recorded too early (by data that
// arrived by sync or was typed before the rules), the next step overdue or due soon, an
// activist's assessment overdue, the probation ending (转正 due) and a 公示 still running.
func checkPipeline(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	asOf, err := db.checkAsOf(period)
	if err != nil {
		return nil, err
	}
	f, err := db.PipelineFigures(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := db.Candidates(ctx, orgID, false)
	if err != nil {
		return nil, err
	}
	soon := asOf.AddDate(0, 0, f.DueSoonDays)
	var inPeriod func(time.Time) bool = func(time.Time) bool { return true }
	if period != "" {
		p, err := ParsePeriod(period)
		if err != nil {
			return nil, err
		}
		inPeriod = p.Contains
	}
	var out []Finding
	for i := range cs {
		c := &cs[i]
		for _, s := range c.Steps {
			e, why, err := f.Earliest(c, s.Step)
			d, _ := parseDay(s.Date)
			r := StepRule(s.Step)
			if err == nil && d.Before(e) {
				out = append(out, Finding{Kind: "pipeline_too_early", Severity: "alarm", OrgID: c.OrgID, Subject: c.ID,
					Title:  assets.T("Step %s of %s is dated %s, too early: %s.", stepLabel(s.Step), c.Name, s.Date, why),
					Action: assets.T("Check the date in the files; the earliest allowed date is %s.", fmtDay(e)),
					Due:    fmtDay(e), Rule: r.Key, Source: r.Source})
			}
			// A step recorded after its deadline: a finding of the period it was taken in.
			if w := f.lateWarning(c, s.Step, d); w != "" && inPeriod(d) {
				due, _ := f.Deadline(c, s.Step)
				out = append(out, Finding{Kind: "pipeline_late", Severity: "warning", OrgID: c.OrgID, Subject: c.ID,
					Title:  assets.T("%s: %s", c.Name, w),
					Action: assets.T("Note in the files why the step was late; the township's inspection of the 发展党员档案 looks for it."),
					Due:    fmtDay(due), Rule: r.Key, Source: r.Source})
			}
		}
		// A 公示 still running.
		for _, p := range []struct{ pub, next int }{{StepPublicity, 15}, {StepConfirmPublicity, 23}} {
			if c.Has(p.pub) && !c.Has(p.next) {
				end := f.PublicityEnd(c, p.pub)
				if w := f.Cal.UnknownYearWarning(c.DateOf(p.pub), end); w != "" {
					out = append(out, Finding{Kind: "calendar_year_unknown", Severity: "warning", OrgID: c.OrgID, Subject: c.ID,
						Title:  assets.T("The publicity notice for %s is counted to end on %s, but: %s", c.Name, fmtDay(end), w),
						Action: assets.T("Until the township enters that year's holidays, check the end of the notice against the State Council's holiday schedule."),
						Due:    fmtDay(end), Rule: rules.PipelinePublicity.Key, Source: rules.CalendarSource})
				}
				if !end.Before(asOf) {
					out = append(out, Finding{Kind: "publicity_running", Severity: "info", OrgID: c.OrgID, Subject: c.ID,
						Title:  assets.T("The publicity notice for %s runs until %s.", c.Name, fmtDay(end)),
						Action: assets.T("Hold the branch meeting (step %d) on %s or later; keep the notice posted until then.", p.next, fmtDay(end.AddDate(0, 0, 1))),
						Due:    fmtDay(end), Rule: rules.PipelinePublicity.Key, Source: rules.PipelinePublicity.Source})
				}
			}
		}
		// Probation ending (转正 due): the branch meeting is held 及时 after the probation ends
		// (细则 第三十二条), within the window; a warning until the window closes, then an alarm.
		if end := f.ProbationEnd(c); !end.IsZero() && !c.Has(23) && !end.After(soon) {
			by := f.ConfirmBy(c)
			sev := "warning"
			if by.Before(asOf) {
				sev = "alarm"
			}
			out = append(out, Finding{Kind: "probation_ending", Severity: sev, OrgID: c.OrgID, Subject: c.ID,
				Title:  assets.T("The probation of %s ends on %s; hold the branch meeting on full membership by %s.", c.Name, fmtDay(end), fmtDay(by)),
				Action: assets.T("Receive the application for full membership, post the publicity notice and hold the branch meeting on full membership."),
				Due:    fmtDay(by), Rule: rules.PipelineConfirmWindow.Key, Source: rules.PipelineConfirmWindow.Source})
		}
		// An extension the branch meeting decided and the higher committee has not yet approved
		// (党章 第七条 "延长预备期…都应当经支部大会讨论通过和上级党组织批准"): until the approval is
		// recorded the extension is not settled, and the township's inspection asks for it.
		if c.Extension > 0 && c.ExtensionApprovedOn == "" && !c.Has(24) {
			out = append(out, Finding{Kind: "extension_unapproved", Severity: "warning", OrgID: c.OrgID, Subject: c.ID,
				Title: assets.T("The branch meeting of %s extended the probation of %s by %d months; the higher committee's approval is not recorded.",
					c.ExtensionDecidedOn, c.Name, c.Extension),
				Action: assets.T("Send the branch meeting's decision to the township committee for approval, then record the approval date in the candidate's file."),
				Rule:   rules.PipelineMaxExtension.Key, Source: "中国共产党章程 第七条"})
		}
		// The next step's deadline, and the activist's assessment.
		next := f.Next(c)
		if next.Step == 0 || next.Step == 22 || next.Step == 23 || next.Step == StepConfirmPublicity {
			continue // probation is covered above
		}
		due := next.Latest
		rule := next.Rule
		sr := StepRule(next.Step)
		if !c.Has(7) && c.Has(3) {
			if d, r := f.Deadline(c, 6); !d.IsZero() && (due == "" || fmtDay(d) < due) {
				due, rule = fmtDay(d), r
				next = NextStep{Step: 6, Name: stepName(6)}
				sr = StepRule(6)
			}
		}
		if due == "" {
			continue
		}
		d, _ := parseDay(due)
		switch {
		case d.Before(asOf):
			out = append(out, Finding{Kind: "pipeline_overdue", Severity: "alarm", OrgID: c.OrgID, Subject: c.ID,
				Title:  assets.T("%s: step %s (%s) was due by %s.", c.Name, stepLabel(next.Step), next.Name, due),
				Action: assets.T("Do it now and record it (rule: %s).", rule), Due: due, Rule: sr.Key, Source: sr.Source})
		case !d.After(soon):
			out = append(out, Finding{Kind: "pipeline_due", Severity: "warning", OrgID: c.OrgID, Subject: c.ID,
				Title:  assets.T("%s: step %s (%s) is due by %s.", c.Name, stepLabel(next.Step), next.Name, due),
				Action: assets.T("Plan it before the deadline (rule: %s).", rule), Due: due, Rule: sr.Key, Source: sr.Source})
		}
	}
	return out, nil
}

func stepName(n int) string {
	s, _ := StepByNumber(n)
	return s.Name()
}
